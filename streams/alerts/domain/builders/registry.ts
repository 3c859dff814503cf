import type { AlertCandidate } from '../alert.ts';
import { AlertType } from '../alert-type.ts';
import type { AlertsConfig } from '../config.ts';
import { type BuyMoreSignalInput, buildBuyMoreSignalAlert } from './buy-more-signal.ts';
import { buildCycleCompletedAlert, type CycleCompletedInput } from './cycle-completed.ts';
import { buildMissedOpportunityAlert, type MissedOpportunityInput } from './missed-opportunity.ts';
import { buildParameterAppliedAlert, type ParameterAppliedInput } from './parameter-applied.ts';
import { buildParameterProposedAlert, type ParameterProposedInput } from './parameter-proposed.ts';
import { buildPipelineDriftAlert, type PipelineDriftInput } from './pipeline-drift.ts';
import { buildPipelineUnhealthyAlert, type PipelineUnhealthyInput } from './pipeline-unhealthy.ts';

/** The input each builder takes, by alert type. A new type adds a line here and one in ALERT_BUILDERS. */
export interface AlertBuilderInputs {
  readonly [AlertType.MISSED_OPPORTUNITY]: MissedOpportunityInput;
  readonly [AlertType.PIPELINE_UNHEALTHY]: PipelineUnhealthyInput;
  readonly [AlertType.PIPELINE_DRIFT]: PipelineDriftInput;
  readonly [AlertType.BUY_MORE_SIGNAL]: BuyMoreSignalInput;
  readonly [AlertType.CYCLE_COMPLETED]: CycleCompletedInput;
  readonly [AlertType.PARAMETER_PROPOSED]: ParameterProposedInput;
  readonly [AlertType.PARAMETER_APPLIED]: ParameterAppliedInput;
}

export type BuildableAlertType = keyof AlertBuilderInputs;

export type AlertBuilder<Input> = (input: Input, config: AlertsConfig) => AlertCandidate | null;

export const ALERT_BUILDERS: { readonly [T in BuildableAlertType]: AlertBuilder<AlertBuilderInputs[T]> } =
  Object.freeze({
    [AlertType.MISSED_OPPORTUNITY]: (input, config) =>
      buildMissedOpportunityAlert(input, config.missed_opportunity),
    [AlertType.PIPELINE_UNHEALTHY]: (input, config) =>
      buildPipelineUnhealthyAlert(input, config.pipeline_unhealthy),
    [AlertType.PIPELINE_DRIFT]: (input) => buildPipelineDriftAlert(input),
    [AlertType.BUY_MORE_SIGNAL]: (input, config) => buildBuyMoreSignalAlert(input, config.buy_more_signal),
    [AlertType.CYCLE_COMPLETED]: (input) => buildCycleCompletedAlert(input),
    [AlertType.PARAMETER_PROPOSED]: (input) => buildParameterProposedAlert(input),
    [AlertType.PARAMETER_APPLIED]: (input) => buildParameterAppliedAlert(input),
  });

/** Builds the candidate of a type from its input, or null when the input warrants no alert. */
export function buildAlertCandidate<T extends BuildableAlertType>(
  type: T,
  input: AlertBuilderInputs[T],
  config: AlertsConfig,
): AlertCandidate | null {
  const builder: AlertBuilder<AlertBuilderInputs[T]> = ALERT_BUILDERS[type];
  return builder(input, config);
}
