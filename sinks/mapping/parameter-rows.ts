import type { ParameterValue } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, lineage, type RowSource } from './columns.ts';

/** One parameter_changes row per value a parameter was given. */
export function parameterRow(parameter: ParameterValue, source: RowSource): Row {
  return {
    name: parameter.name,
    value: parameter.value,
    previous_value: parameter.previous_value,
    cycle_id: parameter.cycle_id,
    proposal_id: parameter.proposal_id,
    source: parameter.source,
    confidence: parameter.confidence,
    applied_at: dateTime(parameter.applied_at, 'applied_at'),
    applied_at_ms: parameter.applied_at,
    applied_by: parameter.applied_by,
    reason: parameter.reason,
    version: source.offset,
    ...lineage(source),
  };
}
