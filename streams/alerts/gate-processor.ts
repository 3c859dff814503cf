import type { AlertAck as AlertAckRecord } from '../../schemas/types.generated.ts';
import type { JsonValue, KeyValueStore, ProcessorContext, ProcessorDefinition } from '../runtime/types.ts';
import {
  type Alert,
  type AlertCandidate,
  type AlertsConfig,
  type AlertTypeState,
  applyAck,
  type DedupKeyState,
  decideAlert,
} from './domain/index.ts';
import { toAlertRecord } from './mapping.ts';

/** What the alerts-by-type topic carries. */
export type AlertEnvelope =
  | { readonly kind: 'candidate'; readonly candidate: AlertCandidate }
  | { readonly kind: 'ack'; readonly ack: AlertAckRecord };

/** Event time of an envelope: the candidate's own, or when the acknowledgement was made. */
export const alertEnvelopeEventTime = (envelope: AlertEnvelope): number =>
  envelope.kind === 'candidate' ? envelope.candidate.event_time : envelope.ack.acknowledged_at;

export interface AlertGateOptions {
  readonly applicationId: string;
  /** The alerts-by-type topic: candidates and acknowledgements, keyed by alert type. */
  readonly input: string;
  readonly alerts: string;
  readonly config: AlertsConfig;
}

/**
 * De-duplicates, suppresses and rate-limits alert candidates, and applies
 * acknowledgements. All alerts of one type meet in one partition, so the
 * per-type rate limit is exact; each dedup key's state lives beside it.
 * With alerts disabled nothing is sent and no state changes.
 */
export function alertGateProcessor(options: AlertGateOptions): ProcessorDefinition<AlertEnvelope> {
  const keys = (ctx: ProcessorContext) =>
    ctx.store('keys') as unknown as KeyValueStore<DedupKeyState & JsonValue>;
  const types = (ctx: ProcessorContext) =>
    ctx.store('types') as unknown as KeyValueStore<AlertTypeState & JsonValue>;
  const store = <T>(s: KeyValueStore<T & JsonValue>, key: string, value: T | null) => {
    if (value === null) s.delete(key);
    else s.put(key, value as T & JsonValue);
  };

  const publish = (ctx: ProcessorContext, alert: Alert, timestamp: number) =>
    ctx.send({ topic: options.alerts, key: alert.dedup_key, value: toAlertRecord(alert), timestamp });

  return {
    applicationId: options.applicationId,
    inputTopics: [options.input],
    stores: ['keys', 'types'],
    process(record, ctx) {
      const envelope = record.value;
      if (envelope.kind === 'candidate') {
        const { candidate } = envelope;
        const outcome = decideAlert({
          candidate,
          key_state: keys(ctx).get(candidate.dedup_key) ?? null,
          type_state: types(ctx).get(candidate.type) ?? null,
          config: options.config,
        });
        store(keys(ctx), candidate.dedup_key, outcome.key_state);
        store(types(ctx), candidate.type, outcome.type_state);
        if (outcome.decision.kind === 'EMIT') publish(ctx, outcome.decision.alert, record.timestamp);
        return;
      }
      const { ack } = envelope;
      const outcome = applyAck(
        keys(ctx).get(ack.dedup_key) ?? null,
        { target: { alert_id: ack.alert_id }, by: ack.acknowledged_by, at: ack.acknowledged_at },
        options.config,
      );
      store(keys(ctx), ack.dedup_key, outcome.key_state);
      // Published again, acknowledged, so every consumer of the alerts topic sees the acknowledgement.
      if (outcome.decision.kind === 'ACKNOWLEDGED') publish(ctx, outcome.decision.alert, record.timestamp);
    },
  };
}
