/**
 * The discovery monitor's thresholds. Validated once, loudly, then frozen: a
 * bad value names its key and what is allowed. The severity threshold of the
 * unhealthy alert is not here: it belongs to the alerts configuration
 * (pipeline_unhealthy.critical_below_health), one place for it.
 */
import { ComponentConfigError, configReader } from '../../shared/config-reader.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';

export interface ProcessingTimeLimits {
  /** At or under this the component scores 1 (DESIGN: 8,000 ms average). */
  readonly baselineMs: number;
  /** At or over this it scores 0 and the run breaches (DESIGN: 15,000 ms max). */
  readonly maxMs: number;
}

export interface CandidateLimits {
  /** Fewer candidates than this breach (DESIGN: 5). */
  readonly min: number;
  /** This many or more score 1 (DESIGN: 12). */
  readonly target: number;
}

export interface StageLimits {
  /** Expected symbols per second by stage name. */
  readonly expectedPerSecond: Readonly<Record<string, number>>;
  /** Expected rate of a stage not named above. */
  readonly defaultPerSecond: number;
  /** A stage below this efficiency gets a recommendation in plain words. */
  readonly adviseBelowEfficiency: number;
}

/**
 * The rolling baseline of each measure: median and MAD of the last windowRuns
 * runs (see baseline.ts for why those rather than an EWMA).
 */
export interface BaselineSettings {
  readonly windowRuns: number;
  /** Runs a measure needs in its window before deviations are judged. */
  readonly warmUpRuns: number;
  /** |robust z| at or above which a run drifts from its baseline. */
  readonly driftDeviation: number;
  /** Drifting this many runs in a row, the same way, raises a WARNING. */
  readonly sustainedRuns: number;
  /**
   * Floors of the scale a deviation is measured in: a fraction of the
   * median, and an absolute amount. A window of identical values has a MAD of
   * 0, and without a floor the smallest change would be an infinite deviation.
   */
  readonly minRelativeScale: number;
  readonly minAbsoluteScale: number;
}

export interface MonitorConfig {
  readonly processingTime: ProcessingTimeLimits;
  readonly candidates: CandidateLimits;
  readonly stages: StageLimits;
  readonly baseline: BaselineSettings;
}

export const DEFAULT_MONITOR_CONFIG: MonitorConfig = deepFreeze({
  processingTime: { baselineMs: 8_000, maxMs: 15_000 },
  candidates: { min: 5, target: 12 },
  stages: {
    expectedPerSecond: {
      universe_loading: 10_000,
      price_filtering: 5_000,
      volume_filtering: 1_000,
      squeeze_detection: 100,
      final_ranking: 1_000,
    },
    defaultPerSecond: 1_000,
    adviseBelowEfficiency: 0.5,
  },
  baseline: {
    windowRuns: 20,
    warmUpRuns: 5,
    driftDeviation: 3,
    sustainedRuns: 3,
    minRelativeScale: 0.05,
    minAbsoluteScale: 0.01,
  },
});

export class MonitorConfigError extends ComponentConfigError {
  constructor(key: string, problem: string, allowed: string) {
    super('monitor', key, problem, allowed);
    this.name = 'MonitorConfigError';
  }
}

const read = configReader((key, problem, allowed) => new MonitorConfigError(key, problem, allowed));

function readProcessingTime(value: unknown): ProcessingTimeLimits {
  const base = DEFAULT_MONITOR_CONFIG.processingTime;
  const fields = read.object(value, 'processingTime', ['baselineMs', 'maxMs']);
  const baselineMs = read.finite(fields.baselineMs, 'processingTime.baselineMs', base.baselineMs, {
    above: 0,
  });
  const maxMs = read.finite(fields.maxMs, 'processingTime.maxMs', base.maxMs, { above: baselineMs });
  return { baselineMs, maxMs };
}

function readCandidates(value: unknown): CandidateLimits {
  const base = DEFAULT_MONITOR_CONFIG.candidates;
  const fields = read.object(value, 'candidates', ['min', 'target']);
  const min = read.integer(fields.min, 'candidates.min', base.min, { min: 0 });
  const target = read.integer(fields.target, 'candidates.target', base.target, { min: Math.max(1, min) });
  return { min, target };
}

function readStages(value: unknown): StageLimits {
  const base = DEFAULT_MONITOR_CONFIG.stages;
  const fields = read.object(value, 'stages', [
    'expectedPerSecond',
    'defaultPerSecond',
    'adviseBelowEfficiency',
  ]);
  return {
    expectedPerSecond: read.numberMap(
      fields.expectedPerSecond,
      'stages.expectedPerSecond',
      base.expectedPerSecond,
      { above: 0 },
    ),
    defaultPerSecond: read.finite(fields.defaultPerSecond, 'stages.defaultPerSecond', base.defaultPerSecond, {
      above: 0,
    }),
    adviseBelowEfficiency: read.finite(
      fields.adviseBelowEfficiency,
      'stages.adviseBelowEfficiency',
      base.adviseBelowEfficiency,
      { min: 0, max: 1 },
    ),
  };
}

function readBaseline(value: unknown): BaselineSettings {
  const base = DEFAULT_MONITOR_CONFIG.baseline;
  const fields = read.object(value, 'baseline', Object.keys(base));
  const windowRuns = read.integer(fields.windowRuns, 'baseline.windowRuns', base.windowRuns, { min: 1 });
  return {
    windowRuns,
    warmUpRuns: read.integer(fields.warmUpRuns, 'baseline.warmUpRuns', base.warmUpRuns, {
      min: 1,
      max: windowRuns,
    }),
    driftDeviation: read.finite(fields.driftDeviation, 'baseline.driftDeviation', base.driftDeviation, {
      above: 0,
    }),
    sustainedRuns: read.integer(fields.sustainedRuns, 'baseline.sustainedRuns', base.sustainedRuns, {
      min: 1,
      max: windowRuns + 1,
    }),
    minRelativeScale: read.finite(
      fields.minRelativeScale,
      'baseline.minRelativeScale',
      base.minRelativeScale,
      {
        min: 0,
      },
    ),
    minAbsoluteScale: read.finite(
      fields.minAbsoluteScale,
      'baseline.minAbsoluteScale',
      base.minAbsoluteScale,
      {
        above: 0,
      },
    ),
  };
}

/** Defaults overlaid with `input`, validated and deep-frozen. Throws MonitorConfigError. */
export function createMonitorConfig(input: unknown = {}): MonitorConfig {
  const root = read.object(input, 'monitor', ['processingTime', 'candidates', 'stages', 'baseline']);
  return deepFreeze({
    processingTime: readProcessingTime(root.processingTime),
    candidates: readCandidates(root.candidates),
    stages: readStages(root.stages),
    baseline: readBaseline(root.baseline),
  });
}
