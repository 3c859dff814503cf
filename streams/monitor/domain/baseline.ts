/**
 * Each measure of a run against the rolling baseline of the runs before it,
 * and the baseline with the run added.
 *
 * "Before" is event time: runs are ordered by (finished_at, run_id), so a
 * run that arrives late takes its place in time instead of counting as the
 * newest, and a backfilled old run never disturbs today's baseline. The
 * window keeps the latest windowRuns runs.
 */
import type { BaselineSettings } from './config.ts';
import { median, medianAbsoluteDeviation, robustScale } from './robust-stats.ts';
import type { BaselineSample, BaselineState, DriftDirection, MeasureDeviation } from './types.ts';

export const EMPTY_BASELINE: BaselineState = Object.freeze({ samples: Object.freeze([]) });

interface RunRef {
  readonly run_id: string;
  readonly finished_at: number;
}

function compareRuns(a: RunRef, b: RunRef): number {
  if (a.finished_at !== b.finished_at) return a.finished_at - b.finished_at;
  return a.run_id < b.run_id ? -1 : a.run_id > b.run_id ? 1 : 0;
}

/** Every measure name the baseline's runs carry. */
export function knownMeasures(state: BaselineState): Set<string> {
  return new Set(state.samples.flatMap((sample) => Object.keys(sample.measures)));
}

/** Runs in a row before the current one (latest first) that drifted `direction` on `measure`. */
function precedingDrift(
  before: readonly BaselineSample[],
  measure: string,
  direction: DriftDirection,
): number {
  let count = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i]!.drift[measure] !== direction) break;
    count++;
  }
  return count;
}

function deviationOf(
  measure: string,
  value: number,
  before: readonly BaselineSample[],
  settings: BaselineSettings,
): MeasureDeviation {
  const values = before.flatMap((sample) =>
    Object.hasOwn(sample.measures, measure) ? [sample.measures[measure]!] : [],
  );
  const center = values.length > 0 ? median(values) : null;
  const mad = center === null ? null : medianAbsoluteDeviation(values, center);
  const quiet = { deviation: null, direction: null, consecutive: 0, sustained: false } as const;
  const base = { measure, value, samples: values.length, median: center, mad };
  if (center === null || mad === null || values.length < settings.warmUpRuns) return { ...base, ...quiet };
  const deviation = (value - center) / robustScale(center, mad, settings);
  if (Math.abs(deviation) < settings.driftDeviation) return { ...base, ...quiet, deviation };
  const direction: DriftDirection = deviation > 0 ? 'above' : 'below';
  const consecutive = 1 + precedingDrift(before, measure, direction);
  return { ...base, deviation, direction, consecutive, sustained: consecutive >= settings.sustainedRuns };
}

export interface BaselineComparison {
  /** One per measure of the run, in measure-name order. */
  readonly deviations: readonly MeasureDeviation[];
  /** The baseline with the run in its place; the oldest run drops out past the window. */
  readonly baseline: BaselineState;
}

export function compareWithBaseline(
  run: RunRef,
  measures: Readonly<Record<string, number>>,
  state: BaselineState,
  settings: BaselineSettings,
): BaselineComparison {
  const others = state.samples.filter((sample) => sample.run_id !== run.run_id);
  const before = others.filter((sample) => compareRuns(sample, run) < 0).slice(-settings.windowRuns);
  const deviations = Object.keys(measures)
    .sort()
    .map((measure) => deviationOf(measure, measures[measure]!, before, settings));
  const drift: Record<string, DriftDirection> = {};
  for (const d of deviations) if (d.direction !== null) drift[d.measure] = d.direction;
  const sample: BaselineSample = {
    run_id: run.run_id,
    finished_at: run.finished_at,
    measures: { ...measures },
    drift,
  };
  const samples = [...others, sample].sort(compareRuns).slice(-settings.windowRuns);
  return { deviations, baseline: { samples } };
}
