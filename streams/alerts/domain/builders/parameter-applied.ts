import { formatNumber } from '../../../shared/format-number.ts';
import type { AlertCandidate } from '../alert.ts';
import { AlertComponent } from '../alert.ts';
import { AlertType } from '../alert-type.ts';
import { Severity } from '../severity.ts';
import { dedupKeyFor } from './dedup-key.ts';

/** A parameter value that came into force (a record of the parameters topic). */
export interface ParameterAppliedInput {
  readonly name: string;
  readonly value: number;
  readonly previous_value: number | null;
  readonly source: 'AUTOMATIC' | 'APPROVED' | 'MANUAL';
  readonly proposal_id: string | null;
  readonly applied_by: string | null;
  readonly reason: string;
  /** applied_at (epoch ms): also what tells two changes of one parameter apart. */
  readonly event_time: number;
}

const HOW = { AUTOMATIC: 'applied automatically', APPROVED: 'approved', MANUAL: 'set by hand' } as const;

/**
 * A change nobody signed for (AUTOMATIC) is a WARNING: the discovery job
 * now runs differently and no human decided it. Approved and manual changes
 * (rollbacks) are INFO: their author knows.
 */
export function buildParameterAppliedAlert(change: ParameterAppliedInput): AlertCandidate {
  const from = change.previous_value === null ? 'unset' : formatNumber(change.previous_value, 6);
  const to = formatNumber(change.value, 6);
  const by = change.applied_by === null ? '' : ` by ${change.applied_by}`;
  return {
    type: AlertType.PARAMETER_APPLIED,
    severity: change.source === 'AUTOMATIC' ? Severity.WARNING : Severity.INFO,
    component: AlertComponent.LEARNING_COORDINATOR,
    title: `${change.name} ${from} -> ${to} (${HOW[change.source]})`,
    message: `${change.name} is now ${to} (was ${from}), ${HOW[change.source]}${by}: ${change.reason}.`,
    data: {
      parameter: change.name,
      value: String(change.value),
      ...(change.previous_value === null ? {} : { previous_value: String(change.previous_value) }),
      source: change.source,
      ...(change.proposal_id === null ? {} : { proposal_id: change.proposal_id }),
      ...(change.applied_by === null ? {} : { applied_by: change.applied_by }),
    },
    dedup_key: dedupKeyFor(AlertType.PARAMETER_APPLIED, `${change.name}:${change.event_time}`),
    event_time: change.event_time,
  };
}
