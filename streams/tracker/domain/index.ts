/**
 * Recommendation tracker domain: pure functions of their inputs, no I/O, no
 * wall clock. The stream runtime feeds bars, positions and event time in and
 * emits what decideEmission says to.
 */

/** Price bars: the correction rule, validation for dead-lettering, interval kinds. */
export {
  applyCorrections,
  barKey,
  barProblem,
  classifyInterval,
  type IntervalKind,
  type PriceBar,
  recordBar,
} from './bars.ts';

/** Exchange calendar: sessions, session arithmetic and exchange-local dates of instants. */
export {
  createExchangeCalendar,
  type ExchangeCalendar,
  type ExchangeCalendarOptions,
  NYSE_CALENDAR,
  NYSE_TIME_ZONE,
} from './calendar.ts';
/** Where checkpoints fall: the discovery date and each checkpoint's session. */
export {
  checkpointSchedule,
  checkpointSession,
  discoveryDateOf,
  type ScheduledCheckpoint,
} from './checkpoints.ts';
/** Outcome category from a return, with the configured cut-offs. */
export { outcomeCategoryOf } from './classification.ts';

/** Tracker thresholds: defaults, validation and the error naming a bad key. */
export {
  type CategoryCutoffs,
  type CheckpointBasis,
  createTrackerConfig,
  DEFAULT_TRACKER_CONFIG,
  type TrackerConfig,
  TrackerConfigError,
  type TrackerConfigInput,
} from './config.ts';
/** ISO date arithmetic and its error. */
export { addDays, daysBetween, InvalidIsoDateError, isIsoDate } from './iso-date.ts';
/** NYSE holidays by rule for a year, Easter, and the unscheduled closures the default calendar includes. */
export { easterSunday, NYSE_SPECIAL_CLOSURES, nyseHolidaysOf } from './nyse-holidays.ts';
/** Evaluation of a tracked recommendation from everything seen so far. */
export {
  evaluateOutcome,
  type OutcomeContext,
  type OutcomeInput,
  recommendationProblem,
  trackingIdOf,
} from './outcome.ts';
/** Percent change from a reference price. */
export { returnPct } from './returns.ts';
/** One summary per session: daily bar preferred over aggregated finer bars. */
export { resolveSessionBars, type SessionBar } from './session-bars.ts';
/** Input and output records of the tracker (snake_case, as on the wire). */
export type {
  CheckpointOutcome,
  CheckpointStatus,
  MissedOpportunityLevel,
  MissingReason,
  OutcomeCategory,
  PositionSnapshot,
  Recommendation,
  TrackedOutcome,
  WindowMetrics,
  WindowSession,
} from './types.ts';
/** Emission and restatement decisions with monotonically rising versions. */
export {
  advanceEmission,
  decideEmission,
  type EmissionDecision,
  type EmissionReason,
  type EmittedOutcome,
} from './versioning.ts';
/** Peak and drawdown over window sessions. */
export { computeWindowMetrics } from './window-metrics.ts';
