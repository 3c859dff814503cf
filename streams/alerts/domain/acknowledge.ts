import type { Alert } from './alert.ts';
import type { AlertsConfig } from './config.ts';
import { InvalidAlertInputError } from './errors.ts';
import type { DedupKeyState } from './gate-state.ts';

/** Which alert an operator acknowledges: a specific alert, or whatever is current for a key. */
export type AckTarget = { readonly alert_id: string } | { readonly dedup_key: string };

export interface AlertAck {
  readonly target: AckTarget;
  readonly by: string;
  /** Event time of the acknowledgement (epoch ms). */
  readonly at: number;
}

export type AckNoopReason =
  /** No stored alert matches: never seen, or superseded by a newer alert of its key. */
  | 'UNKNOWN_ALERT'
  /** The alert exists but was held back by the rate limit, so nobody can have seen it. */
  | 'NOT_EMITTED'
  | 'ALREADY_ACKNOWLEDGED';

export type AckDecision =
  /** alert is the updated alert, to publish again so every consumer sees the acknowledgement. */
  | { readonly kind: 'ACKNOWLEDGED'; readonly alert: Alert }
  | { readonly kind: 'NOOP'; readonly reason: AckNoopReason; readonly alert: Alert | null }
  | { readonly kind: 'DISABLED' };

export interface AckOutcome {
  readonly decision: AckDecision;
  readonly key_state: DedupKeyState | null;
}

/**
 * Applies an acknowledgement to the stored state of the key it targets. The
 * caller finds that key (by dedup key directly, or through its own
 * alert_id → dedup key index) and passes its state, null when there is none.
 */
export function applyAck(keyState: DedupKeyState | null, ack: AlertAck, config: AlertsConfig): AckOutcome {
  if (!config.enabled) return { decision: { kind: 'DISABLED' }, key_state: keyState };
  assertUsableAck(ack);
  if (keyState === null || !targets(ack.target, keyState)) {
    return { decision: { kind: 'NOOP', reason: 'UNKNOWN_ALERT', alert: null }, key_state: keyState };
  }
  const current = keyState.alert;
  if (!keyState.alert_emitted) {
    return { decision: { kind: 'NOOP', reason: 'NOT_EMITTED', alert: current }, key_state: keyState };
  }
  if (current.acknowledged) {
    return {
      decision: { kind: 'NOOP', reason: 'ALREADY_ACKNOWLEDGED', alert: current },
      key_state: keyState,
    };
  }
  const alert: Alert = { ...current, acknowledged: true, acknowledged_by: ack.by, acknowledged_at: ack.at };
  return { decision: { kind: 'ACKNOWLEDGED', alert }, key_state: { ...keyState, alert } };
}

function targets(target: AckTarget, keyState: DedupKeyState): boolean {
  return 'alert_id' in target
    ? target.alert_id === keyState.alert.alert_id
    : target.dedup_key === keyState.dedup_key;
}

function assertUsableAck(ack: AlertAck): void {
  const problems: string[] = [];
  if (typeof ack.by !== 'string' || ack.by.trim() === '') problems.push('by must name who acknowledges');
  if (!Number.isSafeInteger(ack.at)) problems.push(`at ${String(ack.at)} must be integer epoch milliseconds`);
  const id = 'alert_id' in ack.target ? ack.target.alert_id : ack.target.dedup_key;
  if (typeof id !== 'string' || id === '') problems.push('target must name an alert_id or a dedup_key');
  if (problems.length > 0) throw new InvalidAlertInputError(problems);
}
