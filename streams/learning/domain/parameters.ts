/**
 * The life of a parameter value: proposed by a cycle, applied automatically
 * or pending until approved, rolled back on request. Every change is one
 * record of the parameters topic, so the topic is the history.
 */
import type { LearningConfig } from './config.ts';
import type { ProposalEvidence } from './proposal.ts';
import { formatValue } from './rationale.ts';

export type ParameterSource = 'AUTOMATIC' | 'APPROVED' | 'MANUAL';
export type ProposalStatus = 'PENDING' | 'APPLIED' | 'INSUFFICIENT_DATA' | 'REJECTED';

/** One change of a parameter: a record of the parameters topic. applied_at is its effective time. */
export interface ParameterChange {
  readonly name: string;
  readonly value: number;
  readonly previous_value: number | null;
  readonly cycle_id: string | null;
  readonly proposal_id: string | null;
  readonly source: ParameterSource;
  readonly confidence: number | null;
  readonly applied_at: number;
  readonly applied_by: string | null;
  readonly reason: string;
}

/** What the coordinator has written for a parameter: the value, and the changes a rollback can undo, newest last. */
export interface ParameterState {
  readonly value: number;
  readonly undo: readonly ParameterChange[];
}

/** An earned proposal waiting for approval. */
export interface PendingProposal {
  readonly proposal_id: string;
  readonly cycle_id: string;
  readonly parameter: string;
  readonly current_value: number | null;
  readonly proposed_value: number;
  readonly confidence: number;
  readonly expected_improvement: number;
  readonly sample_size: number;
  readonly rationale: string;
  readonly proposed_at: number;
}

export type Refusal = { readonly ok: false; readonly problem: string };
export type Changed = { readonly ok: true; readonly change: ParameterChange; readonly state: ParameterState };

/** Applied automatically only when switched on and confident enough; otherwise pending until approved. */
export function proposalStatus(evidence: ProposalEvidence, config: LearningConfig): ProposalStatus {
  if (!evidence.earned || evidence.confidence === null) return 'INSUFFICIENT_DATA';
  return config.autoApply && evidence.confidence >= config.autoApplyMinConfidence ? 'APPLIED' : 'PENDING';
}

/** The value a cycle measures against: what the coordinator last wrote, else what the runs ran with. */
export function valueInForce(state: ParameterState | undefined, fromRuns: number | null): number | null {
  return state === undefined ? fromRuns : state.value;
}

/** Puts a proposal's value in force. */
export function applyProposal(
  state: ParameterState | undefined,
  proposal: PendingProposal,
  how: { readonly source: 'AUTOMATIC' | 'APPROVED'; readonly at: number; readonly by: string | null },
  fromRuns: number | null,
): Changed {
  const change: ParameterChange = {
    name: proposal.parameter,
    value: proposal.proposed_value,
    previous_value: valueInForce(state, fromRuns),
    cycle_id: proposal.cycle_id,
    proposal_id: proposal.proposal_id,
    source: how.source,
    confidence: proposal.confidence,
    applied_at: how.at,
    applied_by: how.by,
    reason: proposal.rationale,
  };
  return { ok: true, change, state: { value: change.value, undo: [...(state?.undo ?? []), change] } };
}

/** The pending proposal an approval names, or why there is none to approve. */
export function approvable(
  pending: PendingProposal | undefined,
  parameter: string,
  expectedProposalId: string | null,
): { readonly ok: true; readonly proposal: PendingProposal } | Refusal {
  if (pending === undefined) return { ok: false, problem: `no proposal for ${parameter} is pending` };
  if (expectedProposalId !== null && expectedProposalId !== pending.proposal_id) {
    return {
      ok: false,
      problem: `proposal ${expectedProposalId} is no longer pending for ${parameter}; ${pending.proposal_id} is`,
    };
  }
  return { ok: true, proposal: pending };
}

/** Restores the value before the newest change the coordinator made. */
export function rollBack(
  state: ParameterState | undefined,
  parameter: string,
  how: { readonly at: number; readonly by: string },
): Changed | Refusal {
  const last = state?.undo[state.undo.length - 1];
  if (state === undefined || last === undefined) {
    return { ok: false, problem: `${parameter} has no change of this system to roll back` };
  }
  if (last.previous_value === null) {
    return { ok: false, problem: `the value of ${parameter} before ${formatValue(last.value)} is unknown` };
  }
  const change: ParameterChange = {
    name: parameter,
    value: last.previous_value,
    previous_value: state.value,
    cycle_id: null,
    proposal_id: null,
    source: 'MANUAL',
    confidence: null,
    applied_at: how.at,
    applied_by: how.by,
    reason:
      `rollback: restores ${formatValue(last.previous_value)} in place of ${formatValue(state.value)}` +
      (last.proposal_id === null ? '' : ` (${last.proposal_id})`),
  };
  return { ok: true, change, state: { value: change.value, undo: state.undo.slice(0, -1) } };
}
