import { describe, expect, it } from 'vitest';
import { applyAck } from '../../../streams/alerts/domain/acknowledge.ts';
import { deriveAlertId } from '../../../streams/alerts/domain/alert-id.ts';
import { InvalidAlertInputError } from '../../../streams/alerts/domain/errors.ts';
import type { GateDecision } from '../../../streams/alerts/domain/gate.ts';
import { candidate, configWith, createGateHarness, T0 } from './support/gate-harness.ts';

const WINDOW = 10_000;
const config = configWith(WINDOW, { max_alerts: 100, window_ms: 60_000 });
const KEY = 'pipeline_unhealthy:run-1';

function emittedAlertId(decision: GateDecision): string {
  if (decision.kind !== 'EMIT') throw new Error(`expected EMIT, got ${decision.kind}`);
  return decision.alert.alert_id;
}

function critical(offset = 0) {
  return candidate({ severity: 'CRITICAL', event_time: T0 + offset });
}

describe('acknowledging alerts', () => {
  it('acknowledges by alert id and returns the updated alert to publish again', () => {
    const gate = createGateHarness(config);
    const alertId = emittedAlertId(gate.judge(critical()).decision);
    const outcome = gate.acknowledge(KEY, { target: { alert_id: alertId }, by: 'ops@desk', at: T0 + 60 });
    expect(outcome.decision).toEqual({
      kind: 'ACKNOWLEDGED',
      alert: expect.objectContaining({
        alert_id: alertId,
        requires_ack: true,
        acknowledged: true,
        acknowledged_by: 'ops@desk',
        acknowledged_at: T0 + 60,
      }),
    });
    expect(gate.keyState(KEY)?.alert.acknowledged).toBe(true);
  });

  it('acknowledges whatever is current for a dedup key', () => {
    const gate = createGateHarness(config);
    gate.judge(critical());
    const outcome = gate.acknowledge(KEY, { target: { dedup_key: KEY }, by: 'ana', at: T0 + 1 });
    expect(outcome.decision.kind).toBe('ACKNOWLEDGED');
  });

  it('may acknowledge an alert that did not require it', () => {
    const gate = createGateHarness(config);
    gate.judge(candidate());
    expect(gate.acknowledge(KEY, { target: { dedup_key: KEY }, by: 'ana', at: T0 }).decision.kind).toBe(
      'ACKNOWLEDGED',
    );
  });

  it('is a no-op with a reason for an unknown key or id', () => {
    const gate = createGateHarness(config);
    expect(gate.acknowledge(KEY, { target: { dedup_key: KEY }, by: 'ana', at: T0 }).decision).toEqual({
      kind: 'NOOP',
      reason: 'UNKNOWN_ALERT',
      alert: null,
    });
    gate.judge(critical());
    const before = gate.keyState(KEY);
    const outcome = gate.acknowledge(KEY, { target: { alert_id: 'no-such-id' }, by: 'ana', at: T0 });
    expect(outcome.decision).toMatchObject({ kind: 'NOOP', reason: 'UNKNOWN_ALERT' });
    expect(gate.keyState(KEY)).toEqual(before);
  });

  it('is a no-op for an already acknowledged alert and keeps the first acknowledgement', () => {
    const gate = createGateHarness(config);
    gate.judge(critical());
    gate.acknowledge(KEY, { target: { dedup_key: KEY }, by: 'first', at: T0 + 1 });
    const stored = gate.keyState(KEY);
    const again = applyAck(stored, { target: { dedup_key: KEY }, by: 'second', at: T0 + 2 }, config);
    expect(again.decision).toMatchObject({
      kind: 'NOOP',
      reason: 'ALREADY_ACKNOWLEDGED',
      alert: { acknowledged_by: 'first', acknowledged_at: T0 + 1 },
    });
    expect(again.key_state).toBe(stored);
  });

  it('is a no-op for an alert the rate limit held back, which nobody can have seen', () => {
    const gate = createGateHarness(configWith(WINDOW, { max_alerts: 1, window_ms: 60_000 }));
    gate.judge(candidate({ dedup_key: 'other' }));
    gate.judge(critical());
    expect(gate.acknowledge(KEY, { target: { dedup_key: KEY }, by: 'ana', at: T0 }).decision).toMatchObject({
      kind: 'NOOP',
      reason: 'NOT_EMITTED',
    });
  });

  it('counts repeats inside the window on the acknowledged alert, then starts a new alert', () => {
    const gate = createGateHarness(config);
    const firstId = emittedAlertId(gate.judge(critical()).decision);
    gate.acknowledge(KEY, { target: { alert_id: firstId }, by: 'ana', at: T0 + 10 });
    const repeat = gate.judge(critical(5_000)).decision;
    expect(repeat).toMatchObject({
      kind: 'SUPPRESS',
      alert: { alert_id: firstId, acknowledged: true, occurrences: 2 },
    });
    // Still firing (not quiet), yet acknowledged: the next one is a new alert.
    const next = gate.judge(critical(WINDOW)).decision;
    expect(next).toMatchObject({
      kind: 'EMIT',
      reason: 'NEW_ALERT',
      alert: { acknowledged: false, acknowledged_by: null, occurrences: 1, created_at: T0 + WINDOW },
    });
    expect(emittedAlertId(next)).toBe(deriveAlertId(KEY, T0 + WINDOW, 2));
    // The old id is superseded.
    expect(
      gate.acknowledge(KEY, { target: { alert_id: firstId }, by: 'ana', at: T0 + WINDOW }).decision,
    ).toMatchObject({ kind: 'NOOP', reason: 'UNKNOWN_ALERT' });
  });

  it('escalating an acknowledged alert opens a new one, with a distinct id even at the same event time', () => {
    const gate = createGateHarness(config);
    const firstId = emittedAlertId(gate.judge(candidate({ severity: 'HIGH' })).decision);
    gate.acknowledge(KEY, { target: { alert_id: firstId }, by: 'ana', at: T0 });
    const escalated = gate.judge(candidate({ severity: 'EMERGENCY' })).decision;
    expect(escalated).toMatchObject({
      kind: 'EMIT',
      reason: 'ESCALATION',
      alert: { severity: 'EMERGENCY', acknowledged: false, created_at: T0 },
    });
    expect(emittedAlertId(escalated)).not.toBe(firstId);
  });

  it('decides DISABLED and changes nothing when alerts are off', () => {
    const gate = createGateHarness(config);
    gate.judge(critical());
    const stored = gate.keyState(KEY);
    const off = configWith(WINDOW, { max_alerts: 1, window_ms: 1 }, { enabled: false });
    const outcome = applyAck(stored, { target: { dedup_key: KEY }, by: 'ana', at: T0 }, off);
    expect(outcome).toEqual({ decision: { kind: 'DISABLED' }, key_state: stored });
    expect(outcome.key_state).toBe(stored);
  });

  it.each([
    [{ target: { dedup_key: KEY }, by: ' ', at: T0 }, 'by'],
    [{ target: { dedup_key: KEY }, by: 'ana', at: Number.NaN }, 'at'],
    [{ target: { alert_id: '' }, by: 'ana', at: T0 }, 'target'],
  ])('rejects a malformed acknowledgement %j', (ack, field) => {
    expect(() => applyAck(null, ack, config)).toThrow(InvalidAlertInputError);
    expect(() => applyAck(null, ack, config)).toThrow(`invalid alert input: ${field} `);
  });
});
