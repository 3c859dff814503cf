import type { JsonValue, ProcessorContext } from '../runtime/types.ts';
import type { AlertCandidate } from './domain/index.ts';
import type { AlertEnvelope } from './gate-processor.ts';

/** Routes an alert candidate by the type part of its dedup key, where its gate state lives. */
export const alertRouteKey = (dedupKey: string): string => dedupKey.split(':', 1)[0] ?? dedupKey;

/**
 * Sends a candidate to the gate's alerts-by-type topic, as every agent does:
 * keyed by its type, at its own event time. The gate decides whether it
 * becomes an alert (dedup, suppression, rate limit, the alerts switch).
 */
export function sendAlertCandidate(ctx: ProcessorContext, topic: string, candidate: AlertCandidate): void {
  const envelope: AlertEnvelope = { kind: 'candidate', candidate };
  ctx.send({
    topic,
    key: alertRouteKey(candidate.dedup_key),
    value: envelope as unknown as JsonValue,
    timestamp: candidate.event_time,
  });
}
