/** A tracked recommendation as the API shows it: checkpoints as a list, times as ISO strings. */
import type { DiscoveryScores } from '../queries/discovery-scores.ts';
import { CHECKPOINT_DAYS, type TrackedRow } from '../queries/recommendations.ts';
import { isoOfSeconds, nullableFlag, toFlag, toInt } from '../queries/values.ts';
import { dateTimeString, nullableNumber, nullableString } from '../schemas.ts';

const checkpointSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['days', 'session_date', 'status', 'price', 'return_pct', 'missing_reason'],
  properties: {
    days: { type: 'integer' },
    session_date: nullableString,
    status: { type: 'string', enum: ['PENDING', 'REACHED', 'MISSING'] },
    price: nullableNumber,
    return_pct: nullableNumber,
    missing_reason: nullableString,
  },
} as const;

const scoresSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['composite_score', 'vigl_score', 'rank'],
  properties: {
    composite_score: { type: 'number' },
    vigl_score: { type: 'number' },
    rank: { type: 'integer' },
  },
} as const;

const properties = {
  tracking_id: { type: 'string' },
  run_id: { type: 'string' },
  symbol: { type: 'string' },
  discovered_at: dateTimeString,
  discovery_price: { type: 'number' },
  basis: { type: 'string' },
  checkpoints: { type: 'array', items: checkpointSchema },
  peak_price: nullableNumber,
  peak_return_pct: nullableNumber,
  days_to_peak: { type: ['integer', 'null'] },
  max_drawdown_pct: nullableNumber,
  success: { type: ['boolean', 'null'] },
  outcome_category: nullableString,
  bought: { type: 'boolean' },
  missed_opportunity: { type: 'boolean' },
  final: { type: 'boolean' },
  version: { type: 'integer' },
  as_of: dateTimeString,
} as const;

export const recommendationSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(properties), 'scores_at_discovery'],
  properties: { ...properties, scores_at_discovery: scoresSchema },
} as const;

export const versionSchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
} as const;

const nullableInt = (value: unknown) => (value === null ? null : toInt(value as string));

export function versionView(row: TrackedRow) {
  return {
    tracking_id: row.tracking_id,
    run_id: row.run_id as string,
    symbol: row.symbol as string,
    discovered_at: isoOfSeconds(row.discovered_at_s),
    discovery_price: row.discovery_price as number,
    basis: row.basis as string,
    checkpoints: CHECKPOINT_DAYS.filter((d) => row[`status_${d}d`] !== null).map((d) => ({
      days: d,
      session_date: row[`session_${d}d`] as string | null,
      status: row[`status_${d}d`] as string,
      price: row[`price_${d}d`] as number | null,
      return_pct: row[`return_${d}d`] as number | null,
      missing_reason: row[`missing_reason_${d}d`] as string | null,
    })),
    peak_price: row.peak_price as number | null,
    peak_return_pct: row.peak_return_pct as number | null,
    days_to_peak: nullableInt(row.days_to_peak),
    max_drawdown_pct: row.max_drawdown_pct as number | null,
    success: nullableFlag(row.success as number | null),
    outcome_category: row.outcome_category as string | null,
    bought: toFlag(row.bought as number),
    missed_opportunity: toFlag(row.missed_opportunity as number),
    final: toFlag(row.is_final as number),
    version: toInt(row.version),
    as_of: isoOfSeconds(row.as_of_s),
  };
}

export function recommendationView(row: TrackedRow, scores: DiscoveryScores | undefined) {
  return {
    ...versionView(row),
    scores_at_discovery: scores
      ? { composite_score: scores.compositeScore, vigl_score: scores.viglScore, rank: scores.rank }
      : null,
  };
}
