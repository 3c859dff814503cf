import { type Alert as AlertRecord, AlertTypeSymbols } from '../../schemas/types.generated.ts';
import type { Alert } from './domain/index.ts';

const KNOWN_TYPES = new Set<string>(AlertTypeSymbols);

/** The gate's alert as the contract's record; a type the schema does not know yet is OTHER, kept in data. */
export function toAlertRecord(alert: Alert): AlertRecord {
  const type = KNOWN_TYPES.has(alert.type) ? (alert.type as AlertRecord['type']) : 'OTHER';
  return {
    alert_id: alert.alert_id,
    type,
    severity: alert.severity,
    component: alert.component,
    title: alert.title,
    message: alert.message,
    data: type === 'OTHER' ? { ...alert.data, alert_type: alert.type } : { ...alert.data },
    dedup_key: alert.dedup_key,
    created_at: alert.created_at,
    requires_ack: alert.requires_ack,
    occurrences: alert.occurrences,
    last_seen_at: alert.last_seen_at,
    acknowledged: alert.acknowledged,
    acknowledged_by: alert.acknowledged_by,
    acknowledged_at: alert.acknowledged_at,
  };
}
