import { describe, expect, it } from 'vitest';
import { deriveAlertId } from '../../../streams/alerts/domain/alert-id.ts';
import { InvalidAlertInputError } from '../../../streams/alerts/domain/errors.ts';
import type { GateDecision } from '../../../streams/alerts/domain/gate.ts';
import { decideAlert } from '../../../streams/alerts/domain/gate.ts';
import { candidate, configWith, createGateHarness, T0 } from './support/gate-harness.ts';

const WINDOW = 10_000;
const roomy = configWith(WINDOW, { max_alerts: 100, window_ms: 60_000 });
const KEY = 'pipeline_unhealthy:run-1';

function expectKind<K extends GateDecision['kind']>(
  decision: GateDecision,
  kind: K,
): Extract<GateDecision, { kind: K }> {
  expect(decision.kind).toBe(kind);
  return decision as Extract<GateDecision, { kind: K }>;
}

describe('alert gate: suppression', () => {
  it('emits the first candidate of a key as a new alert', () => {
    const gate = createGateHarness(roomy);
    const emitted = expectKind(gate.judge(candidate()).decision, 'EMIT');
    expect(emitted.reason).toBe('NEW_ALERT');
    expect(emitted.rate_limited_before).toBe(0);
    expect(emitted.alert).toEqual({
      alert_id: deriveAlertId(KEY, T0, 1),
      type: 'PIPELINE_UNHEALTHY',
      severity: 'WARNING',
      component: 'discovery-monitor',
      title: 'Discovery run run-1 unhealthy',
      message: 'slow',
      data: { run_id: 'run-1' },
      dedup_key: KEY,
      created_at: T0,
      requires_ack: false,
      occurrences: 1,
      last_seen_at: T0,
      acknowledged: false,
      acknowledged_by: null,
      acknowledged_at: null,
    });
    expect(gate.keyState(KEY)).toMatchObject({ last_emitted_at: T0, alerts_created: 1, candidates_seen: 1 });
    expect(gate.typeState('PIPELINE_UNHEALTHY')?.recent_emits_at).toEqual([T0]);
  });

  it('suppresses repeats inside the window, counting them without re-sending', () => {
    const gate = createGateHarness(roomy);
    const first = expectKind(gate.judge(candidate()).decision, 'EMIT');
    const repeat = expectKind(
      gate.judge(candidate({ event_time: T0 + 4_000, message: 'still slow' })).decision,
      'SUPPRESS',
    );
    expect(repeat.reason).toBe('REPEAT_IN_WINDOW');
    expect(repeat.suppressed_until).toBe(T0 + WINDOW);
    expect(repeat.alert).toMatchObject({
      alert_id: first.alert.alert_id,
      occurrences: 2,
      last_seen_at: T0 + 4_000,
    });
    // The stored alert still says what was sent.
    expect(repeat.alert.message).toBe('slow');
    expectKind(gate.judge(candidate({ event_time: T0 + WINDOW - 1 })).decision, 'SUPPRESS');
    expect(gate.typeState('PIPELINE_UNHEALTHY')?.recent_emits_at).toEqual([T0]);
  });

  it('re-sends the same alert once the window has ended while the key keeps firing', () => {
    const gate = createGateHarness(roomy);
    const first = expectKind(gate.judge(candidate()).decision, 'EMIT');
    gate.judge(candidate({ event_time: T0 + 6_000 }));
    const again = expectKind(
      gate.judge(candidate({ event_time: T0 + WINDOW, message: 'slower' })).decision,
      'EMIT',
    );
    expect(again.reason).toBe('WINDOW_ENDED');
    expect(again.alert).toMatchObject({
      alert_id: first.alert.alert_id,
      created_at: T0,
      occurrences: 3,
      last_seen_at: T0 + WINDOW,
      message: 'slower',
    });
    // The window now runs from the re-send.
    expectKind(gate.judge(candidate({ event_time: T0 + WINDOW + 9_999 })).decision, 'SUPPRESS');
  });

  it('starts a new alert after the key was quiet for a whole window', () => {
    const gate = createGateHarness(roomy);
    const first = expectKind(gate.judge(candidate()).decision, 'EMIT');
    const later = expectKind(gate.judge(candidate({ event_time: T0 + 3 * WINDOW })).decision, 'EMIT');
    expect(later.reason).toBe('NEW_ALERT');
    expect(later.alert.alert_id).toBe(deriveAlertId(KEY, T0 + 3 * WINDOW, 2));
    expect(later.alert.alert_id).not.toBe(first.alert.alert_id);
    expect(later.alert).toMatchObject({ occurrences: 1, created_at: T0 + 3 * WINDOW });
    expect(gate.keyState(KEY)).toMatchObject({ alerts_created: 2, candidates_seen: 2 });
  });

  it('judges a late candidate inside the window and never moves last_seen_at back', () => {
    const gate = createGateHarness(roomy);
    gate.judge(candidate({ event_time: T0 + 5_000 }));
    const late = expectKind(gate.judge(candidate({ event_time: T0 })).decision, 'SUPPRESS');
    expect(late.alert.last_seen_at).toBe(T0 + 5_000);
  });

  it('treats every candidate as a new alert when the window is zero', () => {
    const gate = createGateHarness(configWith(0, { max_alerts: 100, window_ms: 60_000 }));
    const ids = [0, 0, 1].map((offset) => {
      const decision = expectKind(gate.judge(candidate({ event_time: T0 + offset })).decision, 'EMIT');
      expect(decision.reason).toBe('NEW_ALERT');
      return decision.alert.alert_id;
    });
    expect(new Set(ids).size).toBe(3);
  });
});

describe('alert gate: escalation', () => {
  it('emits a more severe repeat inside the window as the same, escalated alert', () => {
    const gate = createGateHarness(roomy);
    const first = expectKind(gate.judge(candidate()).decision, 'EMIT');
    const critical = candidate({ event_time: T0 + 1_000, severity: 'CRITICAL', title: 'run-1 critical' });
    const escalated = expectKind(gate.judge(critical).decision, 'EMIT');
    expect(escalated.reason).toBe('ESCALATION');
    expect(escalated.alert).toMatchObject({
      alert_id: first.alert.alert_id,
      severity: 'CRITICAL',
      requires_ack: true,
      title: 'run-1 critical',
      occurrences: 2,
    });
  });

  it('restarts the window at the escalation and suppresses equal or milder repeats', () => {
    const gate = createGateHarness(roomy);
    gate.judge(candidate());
    gate.judge(candidate({ event_time: T0 + 5_000, severity: 'HIGH' }));
    expectKind(gate.judge(candidate({ event_time: T0 + 6_000, severity: 'HIGH' })).decision, 'SUPPRESS');
    expectKind(gate.judge(candidate({ event_time: T0 + 7_000, severity: 'INFO' })).decision, 'SUPPRESS');
    // Past the first emit's window but inside the escalation's.
    expectKind(gate.judge(candidate({ event_time: T0 + WINDOW + 1 })).decision, 'SUPPRESS');
    expectKind(gate.judge(candidate({ event_time: T0 + 5_000 + WINDOW })).decision, 'EMIT');
  });

  it('never de-escalates an alert: a milder re-send keeps severity and wording', () => {
    const gate = createGateHarness(roomy);
    gate.judge(candidate({ severity: 'CRITICAL', title: 'critical wording' }));
    gate.judge(candidate({ event_time: T0 + 6_000, title: 'warning wording' }));
    const resent = expectKind(
      gate.judge(candidate({ event_time: T0 + WINDOW, title: 'warning wording' })).decision,
      'EMIT',
    );
    expect(resent.reason).toBe('WINDOW_ENDED');
    expect(resent.alert).toMatchObject({
      severity: 'CRITICAL',
      requires_ack: true,
      title: 'critical wording',
    });
    expect(gate.keyState(KEY)?.last_emitted_severity).toBe('CRITICAL');
  });
});

describe('alert gate: rate limit', () => {
  const onKey = (n: number, offset: number, severity: 'WARNING' | 'CRITICAL' = 'WARNING') =>
    candidate({ dedup_key: `pipeline_unhealthy:run-${n}`, event_time: T0 + offset, severity });

  it('holds back alerts of a type over its sliding limit and reports how many', () => {
    const gate = createGateHarness(configWith(WINDOW, { max_alerts: 2, window_ms: 1_000 }));
    expectKind(gate.judge(onKey(1, 0)).decision, 'EMIT');
    expectKind(gate.judge(onKey(2, 100)).decision, 'EMIT');
    const limited = expectKind(gate.judge(onKey(3, 200)).decision, 'RATE_LIMITED');
    expect(limited).toMatchObject({ rate_limited_since_last_emit: 1, rate_limited_total: 1 });
    expect(limited.alert).toMatchObject({ occurrences: 1, created_at: T0 + 200 });
    expect(expectKind(gate.judge(onKey(4, 999)).decision, 'RATE_LIMITED').rate_limited_since_last_emit).toBe(
      2,
    );
    // The first emit leaves the sliding window at T0 + 1000.
    const next = expectKind(gate.judge(onKey(5, 1_000)).decision, 'EMIT');
    expect(next.rate_limited_before).toBe(2);
    expect(gate.typeState('PIPELINE_UNHEALTHY')).toMatchObject({
      rate_limited_total: 2,
      rate_limited_since_last_emit: 0,
    });
  });

  it('sends a held-back alert later under the id of its first occurrence', () => {
    const gate = createGateHarness(configWith(WINDOW, { max_alerts: 1, window_ms: 1_000 }));
    gate.judge(onKey(1, 0));
    const held = expectKind(gate.judge(onKey(2, 500)).decision, 'RATE_LIMITED');
    const sent = expectKind(gate.judge(onKey(2, 1_500)).decision, 'EMIT');
    expect(sent.reason).toBe('NEW_ALERT');
    expect(sent.alert).toMatchObject({ alert_id: held.alert.alert_id, created_at: T0 + 500, occurrences: 2 });
  });

  it('counts fixed windows from the epoch', () => {
    const start = Math.ceil(T0 / 1_000) * 1_000;
    const at = (offset: number, n: number) => candidate({ dedup_key: `k-${n}`, event_time: start + offset });
    const fixed = createGateHarness(
      configWith(WINDOW, { max_alerts: 1, window_ms: 1_000, window_kind: 'fixed' }),
    );
    expectKind(fixed.judge(at(900, 1)).decision, 'EMIT');
    expectKind(fixed.judge(at(999, 2)).decision, 'RATE_LIMITED');
    expectKind(fixed.judge(at(1_000, 3)).decision, 'EMIT');
    const sliding = createGateHarness(configWith(WINDOW, { max_alerts: 1, window_ms: 1_000 }));
    sliding.judge(at(900, 1));
    expectKind(sliding.judge(at(1_000, 3)).decision, 'RATE_LIMITED');
  });

  it('limits escalations too, and lets the escalation through once there is room', () => {
    const gate = createGateHarness(configWith(WINDOW, { max_alerts: 1, window_ms: 1_000 }));
    gate.judge(onKey(1, 0));
    expectKind(gate.judge(onKey(1, 500, 'CRITICAL')).decision, 'RATE_LIMITED');
    const escalated = expectKind(gate.judge(onKey(1, 1_200, 'CRITICAL')).decision, 'EMIT');
    expect(escalated.reason).toBe('ESCALATION');
    expect(escalated.alert).toMatchObject({ severity: 'CRITICAL', occurrences: 3 });
  });

  it('keeps each type to its own limit', () => {
    const gate = createGateHarness(configWith(WINDOW, { max_alerts: 1, window_ms: 1_000 }));
    expectKind(gate.judge(onKey(1, 0)).decision, 'EMIT');
    const other = candidate({ type: 'CYCLE_COMPLETED', dedup_key: 'cycle_completed:c1', event_time: T0 + 1 });
    expectKind(gate.judge(other).decision, 'EMIT');
  });
});

describe('alert gate: switch and bad input', () => {
  it('decides DISABLED and hands back the states untouched when alerts are off', () => {
    const enabled = createGateHarness(roomy);
    enabled.judge(candidate());
    const keyState = enabled.keyState(KEY);
    const typeState = enabled.typeState('PIPELINE_UNHEALTHY');
    const off = configWith(WINDOW, { max_alerts: 100, window_ms: 60_000 }, { enabled: false });
    const outcome = decideAlert({
      candidate: candidate({ event_time: T0 + 3 * WINDOW, severity: 'EMERGENCY' }),
      key_state: keyState,
      type_state: typeState,
      config: off,
    });
    expect(outcome.decision).toEqual({ kind: 'DISABLED' });
    expect(outcome.key_state).toBe(keyState);
    expect(outcome.type_state).toBe(typeState);
    expect(decideAlert({ candidate: candidate(), key_state: null, type_state: null, config: off })).toEqual({
      decision: { kind: 'DISABLED' },
      key_state: null,
      type_state: null,
    });
  });

  it.each([
    [{ dedup_key: '' }, 'dedup_key'],
    [{ event_time: Number.NaN }, 'event_time'],
    [{ event_time: 1.5 }, 'event_time'],
    [{ severity: 'FATAL' as 'INFO' }, 'severity'],
    [{ data: { count: 3 as unknown as string } }, 'data.count'],
  ])('rejects a candidate with %j', (overrides, field) => {
    expect(() =>
      decideAlert({ candidate: candidate(overrides), key_state: null, type_state: null, config: roomy }),
    ).toThrow(
      expect.objectContaining({ name: 'InvalidAlertInputError', message: expect.stringContaining(field) }),
    );
  });

  it('rejects states that belong to another key or type', () => {
    const gate = createGateHarness(roomy);
    gate.judge(candidate());
    const judgeWith = (keyState: unknown, typeState: unknown) => () =>
      decideAlert({
        candidate: candidate({ dedup_key: 'other' }),
        key_state: keyState as never,
        type_state: typeState as never,
        config: roomy,
      });
    expect(judgeWith(gate.keyState(KEY), null)).toThrow(InvalidAlertInputError);
    expect(judgeWith(null, { ...gate.typeState('PIPELINE_UNHEALTHY'), type: 'CYCLE_COMPLETED' })).toThrow(
      InvalidAlertInputError,
    );
  });
});
