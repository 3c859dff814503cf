/**
 * Whether a newly evaluated state must be emitted, compared with the last one
 * emitted. A state is emitted when a checkpoint settles (reached or missing)
 * and restated when late or corrected data changes anything already emitted.
 * Versions start at 1 and rise by one per emission, never otherwise; the
 * decision reads only its two inputs, so a replay emits the same versions.
 */
import type { CheckpointOutcome, TrackedOutcome, WindowMetrics } from './types.ts';
import { computeWindowMetrics } from './window-metrics.ts';

export interface EmittedOutcome {
  readonly version: number;
  readonly outcome: TrackedOutcome;
}

/** `checkpoint_settled`: a checkpoint became reached or missing. `restated`: emitted values changed. */
export type EmissionReason = 'checkpoint_settled' | 'restated';

export interface EmissionDecision {
  readonly emit: boolean;
  /** The version to emit with, or the current one when nothing is emitted (0 before any emission). */
  readonly version: number;
  readonly reasons: readonly EmissionReason[];
  /** Names of the emitted fields that changed, for logs and tests. */
  readonly changed: readonly string[];
}

const CHECKPOINT_FIELDS = [
  'session',
  'status',
  'price',
  'return_pct',
  'missing_reason',
  'last_bar_session',
  'resumed_session',
] as const satisfies readonly (keyof CheckpointOutcome)[];

const METRIC_FIELDS = [
  'peak_price',
  'peak_session',
  'days_to_peak',
  'peak_return_pct',
  'max_drawdown_pct',
] as const satisfies readonly (keyof WindowMetrics)[];

const FINAL_FIELDS = [
  'final_return_pct',
  'success',
  'outcome_category',
  'bought',
  'missed_opportunity',
  'missed_opportunity_level',
] as const satisfies readonly (keyof TrackedOutcome)[];

function isSettled(checkpoint: CheckpointOutcome | undefined): boolean {
  return checkpoint !== undefined && checkpoint.status !== 'pending';
}

/**
 * The window metrics the current data gives over the sessions the previous
 * emission covered: new sessions since then move the metrics forward, which
 * is progress, not a restatement.
 */
function metricsOverPreviousCoverage(previous: TrackedOutcome, current: TrackedOutcome): WindowMetrics {
  const through = previous.metrics_through;
  const covered = through === null ? [] : current.window_sessions.filter((s) => s.session <= through);
  return computeWindowMetrics(covered, current.discovery_price);
}

function changedCheckpointFields(previous: TrackedOutcome, current: TrackedOutcome): string[] {
  const changed: string[] = [];
  for (const before of previous.checkpoints) {
    if (!isSettled(before)) continue;
    const after = current.checkpoints.find((checkpoint) => checkpoint.days === before.days);
    if (!after) {
      changed.push(`checkpoints[${before.days}]`);
      continue;
    }
    for (const field of CHECKPOINT_FIELDS) {
      if (!Object.is(before[field], after[field])) changed.push(`checkpoints[${before.days}].${field}`);
    }
  }
  return changed;
}

function changedFields(previous: TrackedOutcome, current: TrackedOutcome): string[] {
  const changed = changedCheckpointFields(previous, current);
  const recomputed = metricsOverPreviousCoverage(previous, current);
  for (const field of METRIC_FIELDS) {
    if (!Object.is(previous[field], recomputed[field])) changed.push(field);
  }
  if (previous.final) {
    for (const field of FINAL_FIELDS) {
      if (!Object.is(previous[field], current[field])) changed.push(field);
    }
  }
  return changed;
}

function newlySettled(previous: TrackedOutcome | null, current: TrackedOutcome): boolean {
  return current.checkpoints.some((checkpoint) => {
    if (!isSettled(checkpoint)) return false;
    const before = previous?.checkpoints.find((candidate) => candidate.days === checkpoint.days);
    return !isSettled(before);
  });
}

/** Pass the last *emitted* outcome (not the last evaluated one), or null before the first emission. */
export function decideEmission(
  lastEmitted: EmittedOutcome | null,
  current: TrackedOutcome,
): EmissionDecision {
  const previous = lastEmitted?.outcome ?? null;
  const currentVersion = lastEmitted?.version ?? 0;
  const reasons: EmissionReason[] = [];
  if (newlySettled(previous, current)) reasons.push('checkpoint_settled');
  const changed = previous === null ? [] : changedFields(previous, current);
  if (changed.length > 0) reasons.push('restated');
  const emit = reasons.length > 0;
  return { emit, version: emit ? currentVersion + 1 : currentVersion, reasons, changed };
}

/** Folds one evaluation into the last emitted outcome: what the stream runtime stores after a decision. */
export function advanceEmission(
  lastEmitted: EmittedOutcome | null,
  current: TrackedOutcome,
): { readonly decision: EmissionDecision; readonly lastEmitted: EmittedOutcome | null } {
  const decision = decideEmission(lastEmitted, current);
  return {
    decision,
    lastEmitted: decision.emit ? { version: decision.version, outcome: current } : lastEmitted,
  };
}
