/** Alerts as ClickHouse stores them (alerts_latest: the latest state of each alert), read into the API's view. */
import { VIEWS } from '../../sinks/schema/names.ts';
import { identifier, type Sql, sql, string } from '../../sinks/sql/literals.ts';
import type { AlertView } from '../views/alert-view.ts';
import { type Int64, isoOfSeconds, mapOf, nullableIsoOfSeconds, toFlag, toInt } from './values.ts';

export interface AlertRow {
  alert_id: string;
  type: string;
  severity: string;
  component: string;
  title: string;
  message: string;
  data_keys: string[];
  data_values: string[];
  dedup_key: string;
  created_at_s: Int64;
  last_seen_at_s: Int64;
  occurrences: Int64;
  requires_ack: number;
  is_acknowledged: number;
  acknowledged_by: string | null;
  acknowledged_at_s: Int64 | null;
}

/** Selects AlertRow columns from alerts_latest where `where` holds. */
export function alertsWhere(where: Sql): Sql {
  return sql`SELECT alert_id, type, severity, component, title, message, data_keys, data_values, dedup_key,
    toUnixTimestamp(created_at) AS created_at_s, toUnixTimestamp(last_seen_at) AS last_seen_at_s, occurrences,
    requires_ack, is_acknowledged, acknowledged_by,
    if(isNull(acknowledged_at), NULL, toUnixTimestamp(assumeNotNull(acknowledged_at))) AS acknowledged_at_s
FROM ${identifier(VIEWS.alerts)}
WHERE ${where}`;
}

/** The alerts raised about one discovery run (their data names it), newest first. */
export function runAlertsSql(runId: string): Sql {
  const ofRun = sql`has(data_keys, 'run_id') AND data_values[indexOf(data_keys, 'run_id')] = ${string(runId)}`;
  return sql`${alertsWhere(ofRun)} ORDER BY created_at DESC, alert_id`;
}

export function alertViewOfRow(row: AlertRow): AlertView {
  return {
    alert_id: row.alert_id,
    type: row.type,
    severity: row.severity,
    component: row.component,
    title: row.title,
    message: row.message,
    data: mapOf(row.data_keys, row.data_values),
    dedup_key: row.dedup_key,
    created_at: isoOfSeconds(row.created_at_s),
    last_seen_at: isoOfSeconds(row.last_seen_at_s),
    occurrences: toInt(row.occurrences),
    requires_ack: toFlag(row.requires_ack),
    acknowledged: toFlag(row.is_acknowledged),
    acknowledged_by: row.acknowledged_by,
    acknowledged_at: nullableIsoOfSeconds(row.acknowledged_at_s),
  };
}
