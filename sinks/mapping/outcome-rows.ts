import type { OutcomeCheckpoint, RecommendationOutcome } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, type RowSource } from './columns.ts';

/** The checkpoints that get columns of their own; every checkpoint is also in the checkpoint_* arrays. */
export const STANDARD_CHECKPOINT_DAYS = [1, 7, 14, 30] as const;

function checkpointOf(
  checkpoints: readonly OutcomeCheckpoint[],
  days: number,
): OutcomeCheckpoint | undefined {
  for (const c of checkpoints) if (c.days === days) return c;
  return undefined;
}

/**
 * One recommendation_tracking row per outcome version. Outcomes are the
 * sink's bulk, so the row is one object literal with its columns spelled out
 * (a fixed shape is several times faster to build and to serialise than one
 * assembled from spreads and computed keys).
 */
export function outcomeRow(outcome: RecommendationOutcome, source: RowSource): Row {
  const cs = outcome.checkpoints;
  const d1 = checkpointOf(cs, 1);
  const d7 = checkpointOf(cs, 7);
  const d14 = checkpointOf(cs, 14);
  const d30 = checkpointOf(cs, 30);
  return {
    tracking_id: outcome.tracking_id,
    run_id: outcome.run_id,
    symbol: outcome.symbol,
    discovered_at: dateTime(outcome.discovered_at, 'discovered_at'),
    discovery_price: outcome.discovery_price,
    basis: outcome.basis,
    session_1d: d1?.session_date ?? null,
    status_1d: d1?.status ?? null,
    price_1d: d1?.price ?? null,
    return_1d: d1?.return_pct ?? null,
    missing_reason_1d: d1?.missing_reason ?? null,
    session_7d: d7?.session_date ?? null,
    status_7d: d7?.status ?? null,
    price_7d: d7?.price ?? null,
    return_7d: d7?.return_pct ?? null,
    missing_reason_7d: d7?.missing_reason ?? null,
    session_14d: d14?.session_date ?? null,
    status_14d: d14?.status ?? null,
    price_14d: d14?.price ?? null,
    return_14d: d14?.return_pct ?? null,
    missing_reason_14d: d14?.missing_reason ?? null,
    session_30d: d30?.session_date ?? null,
    status_30d: d30?.status ?? null,
    price_30d: d30?.price ?? null,
    return_30d: d30?.return_pct ?? null,
    missing_reason_30d: d30?.missing_reason ?? null,
    checkpoint_days: cs.map((c) => c.days),
    checkpoint_sessions: cs.map((c) => c.session_date),
    checkpoint_statuses: cs.map((c) => c.status),
    checkpoint_prices: cs.map((c) => c.price),
    checkpoint_returns: cs.map((c) => c.return_pct),
    checkpoint_missing_reasons: cs.map((c) => c.missing_reason),
    peak_price: outcome.peak_price,
    peak_return_pct: outcome.peak_return_pct,
    days_to_peak: outcome.days_to_peak,
    max_drawdown_pct: outcome.max_drawdown_pct,
    success: outcome.success === null ? null : outcome.success ? 1 : 0,
    outcome_category: outcome.outcome_category,
    bought: outcome.bought ? 1 : 0,
    missed_opportunity: outcome.missed_opportunity ? 1 : 0,
    is_final: outcome.final ? 1 : 0,
    version: outcome.version,
    as_of: dateTime(outcome.as_of, 'as_of'),
    kafka_partition: source.partition,
    kafka_offset: source.offset,
  };
}
