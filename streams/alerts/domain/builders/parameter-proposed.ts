import { formatNumber } from '../../../shared/format-number.ts';
import type { AlertCandidate } from '../alert.ts';
import { AlertComponent } from '../alert.ts';
import { AlertType } from '../alert-type.ts';
import { InvalidAlertInputError } from '../errors.ts';
import { Severity } from '../severity.ts';
import { dedupKeyFor } from './dedup-key.ts';

/** An earned proposal left waiting for an operator's approval. */
export interface ParameterProposedInput {
  readonly proposal_id: string;
  readonly cycle_id: string;
  readonly parameter: string;
  readonly current_value: number | null;
  readonly proposed_value: number;
  /** 0-1. */
  readonly confidence: number;
  readonly expected_improvement: number;
  readonly sample_size: number;
  readonly rationale: string;
  readonly event_time: number;
}

/** A WARNING per proposal awaiting approval: someone has to decide. */
export function buildParameterProposedAlert(proposal: ParameterProposedInput): AlertCandidate {
  if (!(proposal.confidence >= 0 && proposal.confidence <= 1)) {
    throw new InvalidAlertInputError([`confidence of ${proposal.proposal_id} is ${proposal.confidence}`]);
  }
  const from = proposal.current_value === null ? 'unset' : formatNumber(proposal.current_value, 6);
  const to = formatNumber(proposal.proposed_value, 6);
  const confidence = `${(proposal.confidence * 100).toFixed(1)}%`;
  return {
    type: AlertType.PARAMETER_PROPOSED,
    severity: Severity.WARNING,
    component: AlertComponent.LEARNING_COORDINATOR,
    title: `Proposed: ${proposal.parameter} ${from} -> ${to} (confidence ${confidence})`,
    message:
      `Learning cycle ${proposal.cycle_id} proposes ${proposal.parameter} = ${to} (now ${from}), ` +
      `awaiting approval: ${proposal.rationale}.`,
    data: {
      proposal_id: proposal.proposal_id,
      cycle_id: proposal.cycle_id,
      parameter: proposal.parameter,
      ...(proposal.current_value === null ? {} : { current_value: String(proposal.current_value) }),
      proposed_value: String(proposal.proposed_value),
      confidence: String(proposal.confidence),
      expected_improvement: String(proposal.expected_improvement),
      sample_size: String(proposal.sample_size),
    },
    dedup_key: dedupKeyFor(AlertType.PARAMETER_PROPOSED, proposal.proposal_id),
    event_time: proposal.event_time,
  };
}
