/** Inputs of the coordinator as its single-key topic carries them, and readers of what it wrote. */
import type { AlertCandidate } from '../../../../streams/alerts/domain/index.ts';
import type { CoordinatorEnvelope } from '../../../../streams/learning/envelope.ts';
import type { InputRecord, OutputRecord } from '../../../../streams/runtime/types.ts';
import {
  MARKET_VALUES_IN_FORCE,
  type MarketOptions,
  plantedMarket,
} from '../../../support/planted-market.ts';

export const TOPICS = {
  input: 'in',
  cycles: 'cycles',
  parameters: 'parameters',
  alertCandidates: 'alerts-by-type',
};
const DAY = 86_400_000;

let offset = 0;
export function record(envelope: CoordinatorEnvelope): InputRecord<CoordinatorEnvelope> {
  return {
    topic: TOPICS.input,
    partition: 0,
    offset: String(offset++),
    timestamp: envelope.at,
    key: 'coordinator',
    value: envelope,
  };
}

/**
 * A planted market as the coordinator receives it: a run naming the values
 * in force, the picks discovered one a few hours apart from `from`, each
 * outcome final 45 days after its discovery, all in event-time order
 * (600 picks an hour apart: 25 days of discoveries, outcomes 45 days on).
 */
export function marketEnvelopes(options: MarketOptions, from: number): CoordinatorEnvelope[] {
  const picks = plantedMarket(options);
  const envelopes: CoordinatorEnvelope[] = [
    {
      kind: 'run',
      at: from - DAY,
      fact: { run_id: 'R-params', finished_at: from - DAY, parameters: MARKET_VALUES_IN_FORCE },
    },
  ];
  picks.forEach((pick, i) => {
    const discovered = from + i * 3_600_000;
    envelopes.push({
      kind: 'recommendation',
      at: discovered,
      fact: {
        tracking_id: pick.tracking_id,
        run_id: pick.tracking_id.split(':')[0]!,
        symbol: pick.symbol,
        discovered_at: discovered,
        composite_score: pick.composite_score,
        vigl_score: pick.vigl_score,
        factors: pick.factors,
      },
    });
    envelopes.push({
      kind: 'outcome',
      at: discovered + 45 * DAY,
      fact: {
        tracking_id: pick.tracking_id,
        version: 1,
        as_of: discovered + 45 * DAY,
        final: true,
        return_30d: pick.return_30d,
        success: pick.return_30d > 0,
        category: pick.explosive ? 'EXPLOSIVE' : pick.return_30d >= 20 ? 'STRONG' : 'MODERATE',
        missed_opportunity: false,
        settled_at: discovered + 45 * DAY,
      },
    });
  });
  return envelopes.sort((a, b) => a.at - b.at);
}

export const command = (at: number, fields: Record<string, unknown>): CoordinatorEnvelope => ({
  kind: 'command',
  at,
  command: { requested_at: at, requested_by: 'ops', ...fields },
});

/** A data record that only moves event time on. */
export const tick = (at: number): CoordinatorEnvelope => ({
  kind: 'alert',
  at,
  fact: { alert_id: `tick-${at}`, type: 'OTHER', created_at: at },
});

export const on = (outputs: readonly OutputRecord[], topic: string) =>
  outputs.filter((o) => o.topic === topic);
export const candidates = (outputs: readonly OutputRecord[]) =>
  on(outputs, TOPICS.alertCandidates).map((o) => (o.value as { candidate: AlertCandidate }).candidate);
