import type { OutcomeCheckpoint, RecommendationOutcome } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, flag, lineage, nullableFlag, type RowSource } from './columns.ts';

/** The checkpoints that get columns of their own; every checkpoint is also in the checkpoint_* arrays. */
export const STANDARD_CHECKPOINT_DAYS = [1, 7, 14, 30] as const;

function checkpointColumns(days: number, checkpoint: OutcomeCheckpoint | undefined): Row {
  return {
    [`session_${days}d`]: checkpoint?.session_date ?? null,
    [`status_${days}d`]: checkpoint?.status ?? null,
    [`price_${days}d`]: checkpoint?.price ?? null,
    [`return_${days}d`]: checkpoint?.return_pct ?? null,
    [`missing_reason_${days}d`]: checkpoint?.missing_reason ?? null,
  };
}

/** One recommendation_tracking row per outcome version. */
export function outcomeRow(outcome: RecommendationOutcome, source: RowSource): Row {
  const byDays = new Map(outcome.checkpoints.map((c) => [c.days, c]));
  const checkpoints = outcome.checkpoints;
  return {
    tracking_id: outcome.tracking_id,
    run_id: outcome.run_id,
    symbol: outcome.symbol,
    discovered_at: dateTime(outcome.discovered_at, 'discovered_at'),
    discovery_price: outcome.discovery_price,
    basis: outcome.basis,
    ...Object.assign(
      {},
      ...STANDARD_CHECKPOINT_DAYS.map((days) => checkpointColumns(days, byDays.get(days))),
    ),
    checkpoint_days: checkpoints.map((c) => c.days),
    checkpoint_sessions: checkpoints.map((c) => c.session_date),
    checkpoint_statuses: checkpoints.map((c) => c.status),
    checkpoint_prices: checkpoints.map((c) => c.price),
    checkpoint_returns: checkpoints.map((c) => c.return_pct),
    checkpoint_missing_reasons: checkpoints.map((c) => c.missing_reason),
    peak_price: outcome.peak_price,
    peak_return_pct: outcome.peak_return_pct,
    days_to_peak: outcome.days_to_peak,
    max_drawdown_pct: outcome.max_drawdown_pct,
    success: nullableFlag(outcome.success),
    outcome_category: outcome.outcome_category,
    bought: flag(outcome.bought),
    missed_opportunity: flag(outcome.missed_opportunity),
    is_final: flag(outcome.final),
    version: outcome.version,
    as_of: dateTime(outcome.as_of, 'as_of'),
    ...lineage(source),
  };
}
