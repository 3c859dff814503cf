export type { AckDecision, AckNoopReason, AckOutcome, AckTarget, AlertAck } from './acknowledge.ts';
export { applyAck } from './acknowledge.ts';
export type { Alert, AlertCandidate, AlertData } from './alert.ts';
export { AlertComponent } from './alert.ts';
export { deriveAlertId } from './alert-id.ts';
export type { AlertTypeName, KnownAlertType } from './alert-type.ts';
export { AlertType, isKnownAlertType, KNOWN_ALERT_TYPES } from './alert-type.ts';
export type { BuyMoreSignalInput } from './builders/buy-more-signal.ts';
export { buildBuyMoreSignalAlert } from './builders/buy-more-signal.ts';
export type { CycleCompletedInput } from './builders/cycle-completed.ts';
export { buildCycleCompletedAlert } from './builders/cycle-completed.ts';
export { dedupKeyFor } from './builders/dedup-key.ts';
export type { MissedOpportunityInput } from './builders/missed-opportunity.ts';
export { buildMissedOpportunityAlert } from './builders/missed-opportunity.ts';
export type { ParameterAppliedInput } from './builders/parameter-applied.ts';
export { buildParameterAppliedAlert } from './builders/parameter-applied.ts';
export type { ParameterProposedInput } from './builders/parameter-proposed.ts';
export { buildParameterProposedAlert } from './builders/parameter-proposed.ts';
export type { PipelineDriftInput } from './builders/pipeline-drift.ts';
export { buildPipelineDriftAlert } from './builders/pipeline-drift.ts';
export type { PipelineUnhealthyInput } from './builders/pipeline-unhealthy.ts';
export { buildPipelineUnhealthyAlert } from './builders/pipeline-unhealthy.ts';
export type { AlertBuilder, AlertBuilderInputs, BuildableAlertType } from './builders/registry.ts';
export { ALERT_BUILDERS, buildAlertCandidate } from './builders/registry.ts';
export { candidateProblems } from './candidate-validation.ts';
export type {
  AlertsConfig,
  AlertTypePolicy,
  BuyMoreSignalRule,
  MissedOpportunityRule,
  PipelineUnhealthyRule,
  RateLimitPolicy,
  RateLimitWindowKind,
} from './config.ts';
export { DEFAULT_ALERTS_CONFIG, policyFor } from './config.ts';
export type { AlertsConfigInput } from './config-validation.ts';
export { createAlertsConfig } from './config-validation.ts';
export { AlertsConfigError, InvalidAlertInputError } from './errors.ts';
export type { EmitReason, GateDecision, GateInput, GateOutcome } from './gate.ts';
export { decideAlert } from './gate.ts';
export type { AlertTypeState, DedupKeyState } from './gate-state.ts';
export { initialTypeState } from './gate-state.ts';
export { emitsInRateWindow } from './rate-limit.ts';
export {
  compareSeverity,
  isAtLeastSeverity,
  isHigherSeverity,
  isSeverity,
  maxSeverity,
  requiresAck,
  SEVERITIES_ASCENDING,
  Severity,
} from './severity.ts';
export type { SeverityRung } from './severity-ladder.ts';
export { severityFromLadder } from './severity-ladder.ts';
