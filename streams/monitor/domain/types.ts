/**
 * The monitor's own input and output records. Field names follow the wire
 * records (snake_case) so that the stream wiring maps them one to one.
 */
import type { BreachCode, HealthComponentName } from './codes.ts';

export interface RunStage {
  readonly name: string;
  /** Null when the job did not time the stage, which is common. */
  readonly duration_ms: number | null;
  readonly symbols_in: number;
  readonly symbols_out: number;
  /** Symbols rejected by the stage, by rejection reason. */
  readonly rejections: Readonly<Record<string, number>>;
}

/** What the monitor needs of a discovery run. */
export interface MonitoredRun {
  readonly run_id: string;
  readonly started_at: number;
  /** Event time of the run. */
  readonly finished_at: number;
  readonly duration_ms: number;
  readonly stages: readonly RunStage[];
  readonly candidate_count: number;
  /** The job lowered its thresholds to find enough candidates. */
  readonly relaxed: boolean;
}

export interface ComponentScore {
  readonly name: HealthComponentName;
  /** In [0, 1]. */
  readonly score: number;
  readonly value: number;
  readonly target: number;
  readonly detail: string;
}

export interface StageThroughput {
  readonly name: string;
  readonly symbols_in: number;
  readonly symbols_out: number;
  readonly duration_ms: number | null;
  /** symbols_in per second; null without a timing or without symbols. */
  readonly symbols_per_second: number | null;
  readonly expected_per_second: number;
  /** symbols_per_second / expected_per_second, capped at 1; null when the rate is. */
  readonly efficiency: number | null;
}

export interface Breach {
  readonly code: BreachCode;
  /** Plain words, e.g. "duration of 21,000 ms, over the 15,000 ms maximum". */
  readonly text: string;
}

/** The static part of a run's health: a pure function of the run and the limits. */
export interface RunScore {
  /** The components the run has data for; one without data is absent, never a zero. */
  readonly components: readonly ComponentScore[];
  readonly stages: readonly StageThroughput[];
  /** Mean of the components present, in [0, 1]. */
  readonly health_score: number;
  /** False when a static limit was breached. */
  readonly healthy: boolean;
  readonly breaches: readonly Breach[];
}

export type DriftDirection = 'above' | 'below';

/** One measure of a run against the baseline of the runs before it. */
export interface MeasureDeviation {
  readonly measure: string;
  readonly value: number;
  /** Runs in the baseline that had this measure. */
  readonly samples: number;
  /** Null when there are no samples. */
  readonly median: number | null;
  readonly mad: number | null;
  /** Robust z: (value − median) / scale. Null while the measure warms up. */
  readonly deviation: number | null;
  readonly direction: DriftDirection | null;
  /** Runs in a row, this one included, drifting the same way (0 when not drifting). */
  readonly consecutive: number;
  /** Drifting for at least the configured number of runs: raises a WARNING. */
  readonly sustained: boolean;
}

/** One run as remembered by the baseline. */
export interface BaselineSample {
  readonly run_id: string;
  readonly finished_at: number;
  readonly measures: Readonly<Record<string, number>>;
  /** The direction each drifting measure drifted in when the run was assessed. */
  readonly drift: Readonly<Record<string, DriftDirection>>;
}

/** The last runs, oldest first by (finished_at, run_id); at most the configured window. */
export interface BaselineState {
  readonly samples: readonly BaselineSample[];
}

export interface HealthAssessment extends RunScore {
  readonly run: MonitoredRun;
  readonly deviations: readonly MeasureDeviation[];
  /** Problems that raised an alert: static breaches and sustained drift, in plain words. */
  readonly issues: readonly string[];
  /** What to look at, in plain words. */
  readonly recommendations: readonly string[];
}
