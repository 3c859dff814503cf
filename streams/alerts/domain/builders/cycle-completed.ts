import type { AlertCandidate } from '../alert.ts';
import { AlertComponent } from '../alert.ts';
import { AlertType } from '../alert-type.ts';
import { Severity } from '../severity.ts';
import { dedupKeyFor } from './dedup-key.ts';

/** The fields of a learning cycle's record that the alert needs. */
export interface CycleCompletedInput {
  readonly cycle_id: string;
  readonly trigger: 'SCHEDULED' | 'ON_DEMAND';
  readonly status: 'COMPLETED' | 'FAILED';
  readonly window_start: number;
  readonly window_end: number;
  /** Proposals left waiting for approval, and applied automatically. */
  readonly proposals_pending: number;
  readonly proposals_applied: number;
  readonly insights: readonly string[];
  readonly error: string | null;
  /** Event time of the cycle (epoch ms). */
  readonly event_time: number;
}

const day = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/** INFO for every completed cycle; a cycle that failed is a WARNING. */
export function buildCycleCompletedAlert(cycle: CycleCompletedInput): AlertCandidate {
  const failed = cycle.status === 'FAILED';
  const outcome = failed
    ? `failed: ${cycle.error ?? 'no reason given'}`
    : `${cycle.proposals_pending} proposals awaiting approval, ${cycle.proposals_applied} applied`;
  return {
    type: AlertType.CYCLE_COMPLETED,
    severity: failed ? Severity.WARNING : Severity.INFO,
    component: AlertComponent.LEARNING_COORDINATOR,
    title: `Learning cycle ${cycle.cycle_id} ${failed ? 'failed' : 'completed'}`,
    message:
      `${cycle.trigger === 'SCHEDULED' ? 'Weekly' : 'On-demand'} learning cycle over ` +
      `${day(cycle.window_start)} to ${day(cycle.window_end)}: ${outcome}.` +
      (cycle.insights.length === 0 ? '' : ` ${cycle.insights.join(' ')}`),
    data: {
      cycle_id: cycle.cycle_id,
      trigger: cycle.trigger,
      status: cycle.status,
      window_start: String(cycle.window_start),
      window_end: String(cycle.window_end),
      proposals_pending: String(cycle.proposals_pending),
      proposals_applied: String(cycle.proposals_applied),
    },
    dedup_key: dedupKeyFor(AlertType.CYCLE_COMPLETED, cycle.cycle_id),
    event_time: cycle.event_time,
  };
}
