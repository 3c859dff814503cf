/**
 * Buy-the-dip validator domain: pure functions of their inputs, no I/O, no
 * wall clock. Sessions, days held and outcomes are the tracker domain's
 * calendar and checkpoint rules, reused rather than written again.
 */

/** One analysis of a holding on a daily bar, and why a session is not considered. */
export { type AnalysisContext, analyseSession, notConsideredBecause, type SessionInput } from './analysis.ts';
/** The calendar with its answers remembered, for questions asked on every record. */
export { rememberingCalendar } from './calendar-memo.ts';
/** Stable names: thesis factors, and the analysis id. */
export { analysisIdOf, ThesisFactorCode } from './codes.ts';
/** Validator thresholds: defaults, validation and the error naming a bad key. */
export {
  type BuyMoreTier,
  type CatalystRule,
  createDipsConfig,
  DEFAULT_DIPS_CONFIG,
  type DipsConfig,
  DipsConfigError,
  type DrawdownRule,
  type FollowUpRule,
  type GradeCutoffs,
  type ThesisRule,
  type TradePlanRule,
  type VolumeRule,
} from './config.ts';
/** A symbol's daily bars, one per session. */
export { dailyBarsBySession, isDailyBar } from './daily-bars.ts';
/** Following an analysis to its outcome with the tracker's checkpoint domain. */
export {
  evaluateFollowUp,
  followUpContext,
  isFollowed,
  outcomeOf,
  PENDING_OUTCOME,
  sameOutcome,
  UNFOLLOWED_OUTCOME,
} from './follow-up.ts';
/** The snapshot in force at a session, days held, and unusable snapshots. */
export { daysHeld, type SnapshotProblem, snapshotInForce, snapshotProblem } from './holding.ts';
/** What is kept per symbol: due analyses and pruning. */
export {
  decisionsBySession,
  EMPTY_HOLDING,
  type HoldingState,
  pruneHolding,
  withBar,
  withSnapshot,
} from './holding-state.ts';
/** What to publish for a session given what was published: new, restated, withdrawn or nothing. */
export {
  isNewSignal,
  type PublishedAnalysis,
  reconcileSession,
  type SessionKnowledge,
  sameDecision,
} from './reconcile.ts';
/** Tier, size within the cap, and the trade plan. */
export { type SizingInput, sizeAddition, tierFor, tradePlan } from './sizing.ts';
/** Thesis strength, factors and grade. */
export { assessThesis, gradeOf, type ThesisInput } from './thesis.ts';
/** Input and output records of the validator (snake_case, as on the wire). */
export type {
  DipAction,
  DipDecision,
  DipOutcome,
  HoldingSnapshot,
  Sizing,
  ThesisAssessment,
  ThesisFactor,
  ThesisGrade,
  TradePlan,
} from './types.ts';
/** Volume against the holding's own recent average. */
export { readVolume, type VolumeReading } from './volume.ts';
