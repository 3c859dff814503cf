/**
 * What the coordinator writes: cycle records, parameter records and alert
 * candidates for the gate. One place, so every path (a scheduled cycle, an
 * on-demand one, an approval, a rollback) writes them the same way.
 */

import { sendAlertCandidate } from '../alerts/candidate-route.ts';
import { type AlertCandidate, buildAlertCandidate, createAlertsConfig } from '../alerts/domain/index.ts';
import type { ProcessorContext } from '../runtime/types.ts';
import type { CycleReport, ParameterChange, PendingProposal } from './domain/index.ts';
import { cycleRecord, parameterRecord } from './mapping.ts';

export interface OutputTopics {
  readonly cycles: string;
  readonly parameters: string;
  /** The alerts-by-type topic the gate reads. */
  readonly alertCandidates: string;
}

// The learning builders take no rules from the alerts configuration; the gate applies the policies.
const BUILDER_CONFIG = createAlertsConfig();

export function createOutputs(ctx: ProcessorContext, topics: OutputTopics) {
  const alert = (candidate: AlertCandidate | null) => {
    if (candidate !== null) sendAlertCandidate(ctx, topics.alertCandidates, candidate);
  };
  return {
    cycle(report: CycleReport): void {
      ctx.send({
        topic: topics.cycles,
        key: report.cycle_id,
        value: cycleRecord(report),
        timestamp: report.started_at,
      });
      alert(
        buildAlertCandidate(
          'CYCLE_COMPLETED',
          {
            cycle_id: report.cycle_id,
            trigger: report.trigger,
            status: report.status,
            window_start: report.window_start,
            window_end: report.window_end,
            proposals_pending: report.proposals.filter((p) => p.status === 'PENDING').length,
            proposals_applied: report.proposals.filter((p) => p.status === 'APPLIED').length,
            insights: report.insights,
            error: report.error,
            event_time: report.completed_at,
          },
          BUILDER_CONFIG,
        ),
      );
    },
    parameter(change: ParameterChange): void {
      ctx.send({
        topic: topics.parameters,
        key: change.name,
        value: parameterRecord(change),
        timestamp: change.applied_at,
      });
      alert(
        buildAlertCandidate(
          'PARAMETER_APPLIED',
          { ...change, event_time: change.applied_at },
          BUILDER_CONFIG,
        ),
      );
    },
    proposed(proposal: PendingProposal): void {
      alert(
        buildAlertCandidate(
          'PARAMETER_PROPOSED',
          { ...proposal, event_time: proposal.proposed_at },
          BUILDER_CONFIG,
        ),
      );
    },
  };
}

export type Outputs = ReturnType<typeof createOutputs>;
