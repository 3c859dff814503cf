/** A discovery run's health as the API shows it: components and stages by name, times as ISO strings. */
import type { HealthRow } from '../queries/pipeline.ts';
import { isoOfSeconds, nullableFlag, toFlag, toInt } from '../queries/values.ts';
import { dateTimeString, nullableNumber, nullableString } from '../schemas.ts';

const componentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['score', 'value', 'target', 'detail'],
  properties: {
    score: { type: 'number' },
    value: nullableNumber,
    target: nullableNumber,
    detail: nullableString,
  },
} as const;

const stageSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'symbols_in',
    'symbols_out',
    'duration_ms',
    'symbols_per_second',
    'expected_per_second',
    'efficiency',
  ],
  properties: {
    symbols_in: { type: 'integer' },
    symbols_out: { type: 'integer' },
    duration_ms: { type: ['integer', 'null'] },
    symbols_per_second: nullableNumber,
    expected_per_second: { type: 'number' },
    efficiency: nullableNumber,
  },
} as const;

const baselineSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'measure',
    'value',
    'samples',
    'median',
    'mad',
    'deviation',
    'drifting',
    'above',
    'consecutive_runs',
    'sustained',
  ],
  properties: {
    measure: {
      type: 'string',
      description: 'duration_ms, candidate_count, stage_rate:<stage> or rejection_share:<stage>:<reason>',
    },
    value: { type: 'number' },
    samples: { type: 'integer', description: 'earlier runs in the baseline that had the measure' },
    median: nullableNumber,
    mad: nullableNumber,
    deviation: { ...nullableNumber, description: 'robust z against the baseline; null while it warms up' },
    drifting: { type: 'boolean' },
    above: { type: ['boolean', 'null'], description: 'when drifting: above the baseline (true) or below' },
    consecutive_runs: { type: 'integer' },
    sustained: { type: 'boolean', description: 'drifting long enough to raise a drift alert' },
  },
} as const;

const summaryProperties = {
  run_id: { type: 'string' },
  started_at: dateTimeString,
  finished_at: dateTimeString,
  duration_ms: { type: 'integer' },
  candidate_count: { type: 'integer' },
  relaxed: { type: 'boolean' },
  health_score: { type: 'number' },
  status: { type: 'string', enum: ['healthy', 'degraded'] },
  healthy: {
    type: 'boolean',
    description: 'false when the run breached the maximum duration or minimum candidates',
  },
  alert_severity: nullableString,
} as const;

export const runSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(summaryProperties),
  properties: summaryProperties,
} as const;

export const healthViewSchema = {
  type: 'object',
  properties: {
    ...summaryProperties,
    components: { type: 'object', additionalProperties: componentSchema },
    stages: { type: 'object', additionalProperties: stageSchema },
    issues: { type: 'array', items: { type: 'string' } },
    advice: {
      type: 'array',
      items: { type: 'string' },
      description: "the monitor's recommendations for the run, in plain words",
    },
    baseline: { type: 'array', items: baselineSchema },
  },
} as const;

export function runSummary(row: HealthRow, healthyAbove: number) {
  return {
    run_id: row.run_id,
    started_at: isoOfSeconds(row.started_at_s),
    finished_at: isoOfSeconds(row.finished_at_s),
    duration_ms: toInt(row.duration_ms),
    candidate_count: toInt(row.candidate_count),
    relaxed: toFlag(row.relaxed),
    health_score: row.health_score,
    status: row.health_score > healthyAbove ? ('healthy' as const) : ('degraded' as const),
    healthy: toFlag(row.healthy),
    alert_severity: row.alert_severity,
  };
}

export function healthView(row: HealthRow, healthyAbove: number) {
  return {
    ...runSummary(row, healthyAbove),
    components: Object.fromEntries(
      row.component_names.map((name, i) => [
        name,
        {
          score: row.component_scores[i]!,
          value: row.component_values[i] ?? null,
          target: row.component_targets[i] ?? null,
          detail: row.component_details[i] ?? null,
        },
      ]),
    ),
    stages: Object.fromEntries(
      row.stage_names.map((name, i) => {
        const duration = row.stage_duration_ms[i];
        return [
          name,
          {
            symbols_in: toInt(row.stage_symbols_in[i]!),
            symbols_out: toInt(row.stage_symbols_out[i]!),
            duration_ms: duration === null || duration === undefined ? null : toInt(duration),
            symbols_per_second: row.stage_symbols_per_second[i] ?? null,
            expected_per_second: row.stage_expected_per_second[i]!,
            efficiency: row.stage_efficiency[i] ?? null,
          },
        ];
      }),
    ),
    issues: row.issues,
    advice: row.recommendations,
    baseline: row.baseline_measures.map((measure, i) => ({
      measure,
      value: row.baseline_values[i]!,
      samples: toInt(row.baseline_samples[i]!),
      median: row.baseline_medians[i] ?? null,
      mad: row.baseline_mads[i] ?? null,
      deviation: row.baseline_deviations[i] ?? null,
      drifting: toFlag(row.baseline_drifting[i]!),
      above: nullableFlag(row.baseline_above[i] ?? null),
      consecutive_runs: toInt(row.baseline_consecutive_runs[i]!),
      sustained: toFlag(row.baseline_sustained[i]!),
    })),
  };
}
