/**
 * A learned parameter as the API shows it: the value in force, where it
 * comes from, and the values it was given (newest first). The coordinator
 * uses its own last record for a parameter, else the latest discovery run's
 * value; the view says which.
 */
import type { ParameterChangeRow, RunValueRow } from '../queries/learning.ts';
import { isoOfSeconds, toInt } from '../queries/values.ts';
import { dateTimeString, nullableNumber, nullableString } from '../schemas.ts';

export const HISTORY_PER_PARAMETER = 50;

const changeProperties = {
  value: { type: 'number' },
  previous_value: nullableNumber,
  source: { type: 'string', enum: ['AUTOMATIC', 'APPROVED', 'MANUAL'] },
  cycle_id: nullableString,
  proposal_id: nullableString,
  confidence: nullableNumber,
  applied_at: dateTimeString,
  applied_by: nullableString,
  reason: nullableString,
} as const;

const changeSchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(changeProperties),
  properties: changeProperties,
} as const;

export const parameterViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'value', 'set_by', 'since', 'history'],
  properties: {
    name: { type: 'string' },
    value: { ...nullableNumber, description: 'the value in force; null when nothing says' },
    set_by: {
      type: ['string', 'null'],
      enum: ['LEARNING', 'DISCOVERY_RUN', null],
      description:
        'LEARNING: the latest record on amc.learning.parameters.v1; DISCOVERY_RUN: no record yet, the latest run naming it had it',
    },
    since: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'applied_at of the record, or finished_at of the run',
    },
    history: { type: 'array', items: changeSchema },
  },
} as const;

function changeView(row: ParameterChangeRow) {
  return {
    value: row.value,
    previous_value: row.previous_value,
    source: row.source,
    cycle_id: row.cycle_id,
    proposal_id: row.proposal_id,
    confidence: row.confidence,
    applied_at: new Date(toInt(row.applied_at_ms)).toISOString(),
    applied_by: row.applied_by,
    reason: row.reason,
  };
}

/** `changes` newest first; `run` is the value of the latest discovery run naming the parameter, if any. */
export function parameterView(
  name: string,
  changes: readonly ParameterChangeRow[],
  run: RunValueRow | undefined,
) {
  const history = changes.map(changeView);
  const latest = history[0];
  if (latest) return { name, value: latest.value, set_by: 'LEARNING', since: latest.applied_at, history };
  if (run) {
    return {
      name,
      value: run.value,
      set_by: 'DISCOVERY_RUN',
      since: isoOfSeconds(run.finished_at_s),
      history,
    };
  }
  return { name, value: null, set_by: null, since: null, history };
}
