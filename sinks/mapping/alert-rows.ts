import type { Alert, AlertAck } from '../../schemas/types.generated.ts';
import { SeveritySymbols } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, entries, flag, lineage, nullableDateTime, type RowSource } from './columns.ts';

/** The alerts row of an alert's current state; version is the record's offset, so the latest emission wins. */
export function alertRow(alert: Alert, source: RowSource): Row {
  const data = entries(alert.data);
  return {
    alert_id: alert.alert_id,
    type: alert.type,
    severity: alert.severity,
    // The enum's order is the severity order: INFO 0 ... EMERGENCY 4.
    severity_rank: SeveritySymbols.indexOf(alert.severity),
    component: alert.component,
    title: alert.title,
    message: alert.message,
    data_keys: data.keys,
    data_values: data.values,
    dedup_key: alert.dedup_key,
    created_at: dateTime(alert.created_at, 'created_at'),
    requires_ack: flag(alert.requires_ack),
    occurrences: alert.occurrences,
    last_seen_at: dateTime(alert.last_seen_at, 'last_seen_at'),
    acknowledged: flag(alert.acknowledged),
    acknowledged_by: alert.acknowledged_by,
    acknowledged_at: nullableDateTime(alert.acknowledged_at, 'acknowledged_at'),
    version: source.offset,
    ...lineage(source),
  };
}

/** One alert_acks row per acknowledgement. */
export function ackRow(ack: AlertAck, source: RowSource): Row {
  return {
    alert_id: ack.alert_id,
    dedup_key: ack.dedup_key,
    acknowledged_by: ack.acknowledged_by,
    acknowledged_at: dateTime(ack.acknowledged_at, 'acknowledged_at'),
    acknowledged_at_ms: ack.acknowledged_at,
    note: ack.note,
    version: source.offset,
    ...lineage(source),
  };
}
