/**
 * Learning cycle domain: pure functions of their inputs, no I/O, no wall
 * clock. The coordinator feeds facts and event time in and publishes what
 * runCycle and the parameter functions return.
 */

/** A seeded generator. */
export { type Prng, seededPrng, seedWords } from '../../shared/prng.ts';
/** Versions of a record as of an instant. */
export { addVersion, outcomeKnownFrom, type Versioned, versionAsOf } from './as-of.ts';
/** Seeded cluster bootstrap of a family of candidate values, selection-adjusted. */
export {
  bootstrapFamily,
  type Clusters,
  clustersBy,
  differenceStandardError,
  drawResample,
  type FamilyBootstrap,
  type FamilyMember,
  shareBelow,
  simultaneousInterval,
} from './bootstrap.ts';
/** Operator commands: their format and strict validation. */
export {
  type ApproveParameterCommand,
  COMMAND_KINDS,
  type CommandKind,
  type CommandRules,
  type CoordinatorCommand,
  onDemandCycleId,
  type ParsedCommand,
  parseCommand,
  type RollbackParameterCommand,
  type RunCycleCommand,
} from './commands.ts';
/** Every threshold of the cycle: defaults, validation and the error naming a bad key. */
export {
  type BootstrapSettings,
  createLearningConfig,
  DEFAULT_LEARNING_CONFIG,
  DEFAULT_PARAMETER_RULES,
  type LearningConfig,
  type LearningConfigInput,
  type ParameterAttribute,
  type ParameterRule,
  type WeeklySchedule,
} from './config.ts';
export { LearningConfigError } from './config-validation.ts';
/** Rank correlation (the information coefficient) and Pearson's coefficient. */
export { type Coefficient, pearson, spearman } from './correlation.ts';
/** One cycle: window, settled picks, statistics, evidence, proposals and their fates. */
export {
  type CycleFacts,
  type CycleReport,
  type CycleRequest,
  type CycleTrigger,
  cycleWindow,
  failedCycle,
  PIPELINE_ALERT_TYPE,
  type ProposalReport,
  runCycle,
  settledPicks,
  superseded,
  type TrackerReport,
} from './cycle.ts';
/** Mean, median, shares, standard deviation and quantiles. */
export { mean, median, quantileOfSorted, sampleStandardDeviation, shareOf, sum } from './descriptive.ts';
/** Quintile returns and information coefficients of the scores. */
export { type ScoreEvidence, scoreEvidence } from './evidence.ts';
/** The objective and constraint of every grid value of a parameter. */
export {
  bestCandidate,
  type CandidateValue,
  evaluateParameter,
  nearBest,
  type ParameterEvaluation,
  type ThresholdResult,
} from './grid.ts';
/** Plain-words statements of a cycle. */
export { type InsightInput, insightsOf } from './insights.ts';
/** Prefix sums of picks ordered by an attribute: every threshold in one pass. */
export { buildLadder, type PrefixSums, prefixMean, prefixSums, type ThresholdLadder } from './ladder.ts';
/** Per-agent statistics over a window. */
export {
  type DipStatistics,
  dipStatistics,
  inWindow,
  type MonitorStatistics,
  monitorStatistics,
  type TrackerStatistics,
  trackerStatistics,
  type Window,
} from './metrics.ts';
/** Parameter values: status of a proposal, apply, approve, roll back. */
export {
  applyProposal,
  approvable,
  type Changed,
  type ParameterChange,
  type ParameterSource,
  type ParameterState,
  type PendingProposal,
  type ProposalStatus,
  proposalStatus,
  type Refusal,
  rollBack,
  valueInForce,
} from './parameters.ts';
/** Evidence and decision for every configured parameter. */
export { evaluateProposals, type ProposalEvidence } from './proposal.ts';
/** Quintiles by average rank and the mean return of each. */
export { QUINTILE_COUNT, type QuintileReturn, quintileOf, quintileReturns } from './quintiles.ts';
/** Average ranks with ties. */
export { averageRanks } from './ranks.ts';
/** The words of proposals, "not enough data" included. */
export { formatValue, NOT_ENOUGH_DATA } from './rationale.ts';
/** Settled picks and the attribute a parameter filters on. */
export { attributeLabel, attributeOf, type SettledPick } from './sample.ts';
/** Weekly schedule and local time, DST-correct. */
export {
  localDateOf,
  localDaysBefore,
  nextScheduledCycle,
  scheduledCycleId,
  zonedInstant,
} from './schedule.ts';
/** Facts the cycle is computed from. */
export type {
  AgentsEnabled,
  AlertFact,
  DipFact,
  HealthFact,
  OutcomeCategory,
  OutcomeFact,
  RecommendationFact,
  RunFact,
} from './types.ts';
