/**
 * The tracker's thresholds. Validated once, loudly, then frozen: a bad value
 * names its key and what is allowed, and nothing downstream re-checks it.
 */

import { deepFreeze } from '../../shared/deep-freeze.ts';

export type CheckpointBasis = 'trading' | 'calendar';

/** Lower bounds of each outcome category, in percent of 30-day return. */
export interface CategoryCutoffs {
  /** explosive when return >= this (default 50). */
  readonly explosive: number;
  /** strong when return >= this (default 20). */
  readonly strong: number;
  /** moderate when return >= this (default 5). */
  readonly moderate: number;
  /** failed when return <= this (default −10); poor in between. */
  readonly failed: number;
}

export interface TrackerConfig {
  /** Checkpoint day numbers, ascending; the last one is the horizon (day 30). */
  readonly checkpoints: readonly number[];
  readonly basis: CheckpointBasis;
  /** Sessions after a checkpoint session without a bar before it is declared missing. */
  readonly missingGraceSessions: number;
  readonly categoryCutoffs: CategoryCutoffs;
  /** A position counts as bought when its entry date is within this many calendar days on or after discovery. */
  readonly boughtWindowDays: number;
  /** Final return (%) from which an unbought pick is a missed opportunity. */
  readonly missedOpportunityReturnPct: number;
  /** Final return (%) from which a missed opportunity is of high severity. */
  readonly missedOpportunityHighReturnPct: number;
}

export type TrackerConfigInput = Partial<Omit<TrackerConfig, 'categoryCutoffs'>> & {
  readonly categoryCutoffs?: Partial<CategoryCutoffs>;
};

export const DEFAULT_TRACKER_CONFIG: TrackerConfig = deepFreeze({
  checkpoints: [1, 7, 14, 30],
  basis: 'trading',
  missingGraceSessions: 3,
  categoryCutoffs: { explosive: 50, strong: 20, moderate: 5, failed: -10 },
  boughtWindowDays: 3,
  missedOpportunityReturnPct: 25,
  missedOpportunityHighReturnPct: 50,
});

export class TrackerConfigError extends Error {
  constructor(
    readonly key: string,
    readonly allowed: string,
    value: unknown,
  ) {
    super(`tracker config ${key}: expected ${allowed}, got ${JSON.stringify(value)}`);
    this.name = 'TrackerConfigError';
  }
}

function requireFinite(key: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TrackerConfigError(key, 'a finite number', value);
}

function requireNonNegativeInteger(key: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new TrackerConfigError(key, 'an integer >= 0', value);
}

function validateCheckpoints(checkpoints: readonly number[]): void {
  const allowed = 'a non-empty, strictly ascending list of integers >= 1';
  if (!Array.isArray(checkpoints) || checkpoints.length === 0) {
    throw new TrackerConfigError('checkpoints', allowed, checkpoints);
  }
  checkpoints.forEach((day, index) => {
    const previous = index > 0 ? checkpoints[index - 1] : 0;
    if (!Number.isInteger(day) || day < 1 || (previous !== undefined && day <= previous)) {
      throw new TrackerConfigError('checkpoints', allowed, checkpoints);
    }
  });
}

function validateCutoffs(cutoffs: CategoryCutoffs): void {
  for (const key of ['explosive', 'strong', 'moderate', 'failed'] as const) {
    requireFinite(`categoryCutoffs.${key}`, cutoffs[key]);
  }
  const ordered = cutoffs.explosive > cutoffs.strong && cutoffs.strong > cutoffs.moderate;
  if (!ordered || cutoffs.moderate <= cutoffs.failed) {
    throw new TrackerConfigError('categoryCutoffs', 'explosive > strong > moderate > failed', cutoffs);
  }
}

/** Defaults overlaid with `input`, validated and deep-frozen. Throws TrackerConfigError. */
export function createTrackerConfig(input: TrackerConfigInput = {}): TrackerConfig {
  const config: TrackerConfig = {
    ...DEFAULT_TRACKER_CONFIG,
    ...input,
    checkpoints: [...(input.checkpoints ?? DEFAULT_TRACKER_CONFIG.checkpoints)],
    categoryCutoffs: { ...DEFAULT_TRACKER_CONFIG.categoryCutoffs, ...input.categoryCutoffs },
  };
  validateCheckpoints(config.checkpoints);
  if (config.basis !== 'trading' && config.basis !== 'calendar') {
    throw new TrackerConfigError('basis', "'trading' or 'calendar'", config.basis);
  }
  requireNonNegativeInteger('missingGraceSessions', config.missingGraceSessions);
  requireNonNegativeInteger('boughtWindowDays', config.boughtWindowDays);
  validateCutoffs(config.categoryCutoffs);
  requireFinite('missedOpportunityReturnPct', config.missedOpportunityReturnPct);
  requireFinite('missedOpportunityHighReturnPct', config.missedOpportunityHighReturnPct);
  if (config.missedOpportunityHighReturnPct < config.missedOpportunityReturnPct) {
    throw new TrackerConfigError(
      'missedOpportunityHighReturnPct',
      `a number >= missedOpportunityReturnPct (${config.missedOpportunityReturnPct})`,
      config.missedOpportunityHighReturnPct,
    );
  }
  return deepFreeze(config);
}
