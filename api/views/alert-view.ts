/**
 * An alert as the API shows it, whether it comes from ClickHouse (GET
 * /alerts) or live from the alerts topic (the WebSocket): one shape, times as
 * ISO-8601 UTC strings.
 */
import type { Alert } from '../../schemas/types.generated.ts';
import { SeveritySymbols } from '../../schemas/types.generated.ts';

export interface AlertView {
  readonly alert_id: string;
  readonly type: string;
  readonly severity: string;
  readonly component: string;
  readonly title: string;
  readonly message: string;
  readonly data: Readonly<Record<string, string>>;
  readonly dedup_key: string;
  readonly created_at: string;
  readonly last_seen_at: string;
  readonly occurrences: number;
  readonly requires_ack: boolean;
  readonly acknowledged: boolean;
  readonly acknowledged_by: string | null;
  readonly acknowledged_at: string | null;
}

export const SEVERITIES: readonly string[] = SeveritySymbols;

export const alertViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'alert_id',
    'type',
    'severity',
    'component',
    'title',
    'message',
    'data',
    'dedup_key',
    'created_at',
    'last_seen_at',
    'occurrences',
    'requires_ack',
    'acknowledged',
    'acknowledged_by',
    'acknowledged_at',
  ],
  properties: {
    alert_id: { type: 'string' },
    type: { type: 'string' },
    severity: { type: 'string', enum: SEVERITIES },
    component: { type: 'string' },
    title: { type: 'string' },
    message: { type: 'string' },
    data: { type: 'object', additionalProperties: { type: 'string' } },
    dedup_key: { type: 'string' },
    created_at: { type: 'string', format: 'date-time' },
    last_seen_at: { type: 'string', format: 'date-time' },
    occurrences: { type: 'integer', minimum: 1 },
    requires_ack: { type: 'boolean' },
    acknowledged: { type: 'boolean' },
    acknowledged_by: { type: ['string', 'null'] },
    acknowledged_at: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** From a record of the alerts topic. */
export function alertViewOfRecord(alert: Alert): AlertView {
  return {
    alert_id: alert.alert_id,
    type: alert.type,
    severity: alert.severity,
    component: alert.component,
    title: alert.title,
    message: alert.message,
    data: { ...alert.data },
    dedup_key: alert.dedup_key,
    created_at: iso(alert.created_at),
    last_seen_at: iso(alert.last_seen_at),
    occurrences: alert.occurrences,
    requires_ack: alert.requires_ack,
    acknowledged: alert.acknowledged,
    acknowledged_by: alert.acknowledged_by,
    acknowledged_at: alert.acknowledged_at === null ? null : iso(alert.acknowledged_at),
  };
}
