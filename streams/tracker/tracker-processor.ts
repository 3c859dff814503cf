import { sendAlertCandidate } from '../alerts/candidate-route.ts';
import { type AlertCandidate, buildMissedOpportunityAlert } from '../alerts/domain/index.ts';
import type {
  InputRecord,
  JsonValue,
  KeyValueStore,
  ProcessorContext,
  ProcessorDefinition,
} from '../runtime/types.ts';
import {
  advanceEmission,
  barProblem,
  DEFAULT_TRACKER_CONFIG,
  type EmittedOutcome,
  type ExchangeCalendar,
  evaluateOutcome,
  NYSE_CALENDAR,
  type PositionSnapshot,
  type PriceBar,
  type Recommendation,
  recommendationProblem,
  recordBar,
  type TrackerConfig,
} from './domain/index.ts';
import type { SymbolEnvelope } from './envelope.ts';
import { toDomainPosition, toDomainRecommendation, toOutcomeRecord, toPriceBar } from './mapping.ts';

const DAY_MS = 86_400_000;

export interface TrackerOptions {
  readonly applicationId: string;
  /** The by-symbol repartition topic. */
  readonly input: string;
  readonly outcomes: string;
  /** Where missed-opportunity alert candidates go (the alerts-by-type topic). */
  readonly alertCandidates: string;
  readonly config?: TrackerConfig;
  readonly calendar?: ExchangeCalendar;
  /** Bars older than this (event time) are dropped unless an active recommendation needs them. */
  readonly barRetentionDays?: number;
  /** A final outcome stays open to late and corrected bars this long after discovery. */
  readonly restateForDays?: number;
  /** Added to every outcome version: a rebuilt state's versions start above the old state's. */
  readonly versionBase?: number;
}

interface SymbolState {
  readonly bars: readonly PriceBar[];
  readonly positions: readonly PositionSnapshot[];
  readonly active: readonly string[];
}

interface TrackedState {
  readonly recommendation: Recommendation;
  readonly last: EmittedOutcome | null;
  readonly retired: boolean;
}

const EMPTY_SYMBOL: SymbolState = { bars: [], positions: [], active: [] };

/**
 * Follows every recommendation for its 30 days: bars, positions and
 * recommendations of a symbol meet here (one partition per symbol), each
 * change re-evaluates the symbol's open recommendations, and an outcome is
 * emitted when a checkpoint settles or an emitted value is restated. A daily
 * event-time timer re-evaluates too, so a halted symbol's checkpoint is
 * declared missing once the partition's stream time has passed its grace.
 */
export function trackerProcessor(options: TrackerOptions): ProcessorDefinition<SymbolEnvelope> {
  const config = options.config ?? DEFAULT_TRACKER_CONFIG;
  const calendar = options.calendar ?? NYSE_CALENDAR;
  const context = { config, calendar };
  const retentionMs = (options.barRetentionDays ?? 120) * DAY_MS;
  const restateMs = (options.restateForDays ?? 90) * DAY_MS;
  const versionBase = options.versionBase ?? 0;
  const missedRule = {
    min_return_pct: config.missedOpportunityReturnPct,
    high_severity_return_pct: config.missedOpportunityHighReturnPct,
  };

  const symbols = (ctx: ProcessorContext) =>
    ctx.store('symbols') as unknown as KeyValueStore<SymbolState & JsonValue>;
  const tracked = (ctx: ProcessorContext) =>
    ctx.store('tracked') as unknown as KeyValueStore<TrackedState & JsonValue>;
  const save = <T>(store: KeyValueStore<T & JsonValue>, key: string, value: T) =>
    store.put(key, value as T & JsonValue);

  function evaluate(trackingId: string, symbol: SymbolState, ctx: ProcessorContext): boolean {
    const state = tracked(ctx).get(trackingId);
    if (!state || state.retired) return false;
    const outcome = evaluateOutcome(
      {
        recommendation: state.recommendation,
        bars: symbol.bars,
        positions: symbol.positions,
        streamTimeMs: ctx.streamTime,
      },
      context,
    );
    const { decision, lastEmitted } = advanceEmission(state.last, outcome);
    if (decision.emit) {
      ctx.send({
        topic: options.outcomes,
        key: trackingId,
        value: toOutcomeRecord(outcome, versionBase + decision.version),
        timestamp: outcome.as_of,
      });
      const candidate = outcome.final ? missedOpportunity(outcome) : null;
      if (candidate) sendAlertCandidate(ctx, options.alertCandidates, candidate);
    }
    const retire = outcome.final && ctx.streamTime > state.recommendation.discovered_at + restateMs;
    save(tracked(ctx), trackingId, {
      recommendation: state.recommendation,
      last: lastEmitted,
      retired: retire,
    });
    if (!retire) ctx.schedule({ id: `eval:${trackingId}`, at: ctx.streamTime + DAY_MS, payload: trackingId });
    return !retire;
  }

  function missedOpportunity(outcome: ReturnType<typeof evaluateOutcome>): AlertCandidate | null {
    const last = outcome.checkpoints[outcome.checkpoints.length - 1];
    return buildMissedOpportunityAlert(
      {
        tracking_id: outcome.tracking_id,
        symbol: outcome.symbol,
        run_id: outcome.run_id,
        bought: outcome.bought,
        return_30d: outcome.final_return_pct,
        discovery_price: outcome.discovery_price,
        price_30d: last?.price ?? null,
        event_time: outcome.as_of,
      },
      missedRule,
    );
  }

  /** Re-evaluates the symbol's open recommendations; drops retired ones and bars nobody needs. */
  function refresh(symbolKey: string, symbol: SymbolState, ctx: ProcessorContext): void {
    const active = symbol.active.filter((id) => evaluate(id, symbol, ctx));
    const oldestNeeded = Math.min(
      ctx.streamTime - retentionMs,
      ...active.map((id) => tracked(ctx).get(id)?.recommendation.discovered_at ?? Number.POSITIVE_INFINITY),
    );
    const bars = symbol.bars.filter((b) => b.timestamp >= oldestNeeded - 7 * DAY_MS);
    // Only an opened position's entry date matters (for "bought"): keep one per date.
    const positions = [
      ...new Map(
        symbol.positions.filter((p) => p.entry_date !== null).map((p) => [p.entry_date, p]),
      ).values(),
    ];
    save(symbols(ctx), symbolKey, { bars, positions, active });
  }

  return {
    applicationId: options.applicationId,
    inputTopics: [options.input],
    stores: ['symbols', 'tracked'],
    process(record: InputRecord<SymbolEnvelope>, ctx) {
      const key = record.key;
      if (key === null) {
        ctx.reject('EMPTY_SYMBOL', 'by-symbol record without a key');
        return;
      }
      const symbol = symbols(ctx).get(key) ?? EMPTY_SYMBOL;
      const envelope = record.value;
      switch (envelope.kind) {
        case 'bar': {
          const bar = toPriceBar(envelope.bar);
          const problem = barProblem(bar);
          if (problem !== null) {
            ctx.reject('INCONSISTENT_BAR', problem);
            return;
          }
          refresh(key, { ...symbol, bars: recordBar(symbol.bars, bar) }, ctx);
          return;
        }
        case 'position': {
          const position = toDomainPosition(envelope.position, calendar);
          refresh(key, { ...symbol, positions: [...symbol.positions, position] }, ctx);
          return;
        }
        case 'recommendation': {
          const recommendation = toDomainRecommendation(envelope.recommendation);
          const problem = recommendationProblem(recommendation);
          if (problem !== null) {
            ctx.reject('OUT_OF_RANGE', problem);
            return;
          }
          // A replayed run: the tracking id is known, so nothing is counted twice.
          if (tracked(ctx).has(recommendation.tracking_id)) return;
          save(tracked(ctx), recommendation.tracking_id, { recommendation, last: null, retired: false });
          refresh(key, { ...symbol, active: [...symbol.active, recommendation.tracking_id] }, ctx);
          return;
        }
      }
    },
    onTimer(timer, ctx) {
      const trackingId = timer.payload as string;
      const state = tracked(ctx).get(trackingId);
      if (!state || state.retired) return;
      const key = state.recommendation.symbol;
      refresh(key, symbols(ctx).get(key) ?? EMPTY_SYMBOL, ctx);
    },
  };
}
