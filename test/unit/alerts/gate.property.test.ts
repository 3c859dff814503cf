import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertsConfig, RateLimitPolicy } from '../../../streams/alerts/domain/config.ts';
import { policyFor } from '../../../streams/alerts/domain/config.ts';
import { createAlertsConfig } from '../../../streams/alerts/domain/config-validation.ts';
import type { GateDecision } from '../../../streams/alerts/domain/gate.ts';
import type { Severity } from '../../../streams/alerts/domain/severity.ts';
import { isHigherSeverity, SEVERITIES_ASCENDING } from '../../../streams/alerts/domain/severity.ts';
import type { GateStores } from './support/gate-harness.ts';
import { candidate, copyStores, createGateHarness, emptyStores, T0 } from './support/gate-harness.ts';

/** Two types, so rate limits interact across keys; keys always belong to one type. */
const SUBJECTS = [
  { type: 'PIPELINE_UNHEALTHY', dedup_key: 'pipeline_unhealthy:run-1' },
  { type: 'PIPELINE_UNHEALTHY', dedup_key: 'pipeline_unhealthy:run-2' },
  { type: 'PIPELINE_UNHEALTHY', dedup_key: 'pipeline_unhealthy:run-3' },
  { type: 'MISSED_OPPORTUNITY', dedup_key: 'missed_opportunity:run-1:AAPL' },
  { type: 'MISSED_OPPORTUNITY', dedup_key: 'missed_opportunity:run-1:MSFT' },
] as const;

type Op =
  | { kind: 'candidate'; subject: number; severity: Severity; delta: number }
  | { kind: 'ack'; subject: number; delta: number };

const subjectArb = fc.integer({ min: 0, max: SUBJECTS.length - 1 });
const deltaArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_500 }));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('candidate' as const),
      subject: subjectArb,
      severity: fc.constantFrom(...SEVERITIES_ASCENDING),
      delta: deltaArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('ack' as const), subject: subjectArb, delta: deltaArb }),
  },
);
const opsArb = fc.array(opArb, { maxLength: 60 });

const policyArb = fc.record({
  suppression_window_ms: fc.integer({ min: 0, max: 2_500 }),
  rate_limit: fc.record({
    max_alerts: fc.integer({ min: 1, max: 3 }),
    window_ms: fc.integer({ min: 1, max: 3_000 }),
    window_kind: fc.constantFrom('sliding' as const, 'fixed' as const),
  }),
});
const configArb = fc
  .record({ pipeline: policyArb, missed: policyArb })
  .map(({ pipeline, missed }) =>
    createAlertsConfig({ policies: { PIPELINE_UNHEALTHY: pipeline, MISSED_OPPORTUNITY: missed } }),
  );

interface Judged {
  readonly dedup_key: string;
  readonly type: string;
  readonly at: number;
  readonly severity: Severity;
  readonly decision: GateDecision;
}

/** Runs ops in non-decreasing event time; returns the gate's decisions in order. */
function run(ops: readonly Op[], config: AlertsConfig, stores: GateStores = emptyStores(), startAt = T0) {
  const gate = createGateHarness(config, stores);
  const judged: Judged[] = [];
  const ackDecisions: string[] = [];
  let now = startAt;
  for (const op of ops) {
    now += op.delta;
    const subject = SUBJECTS[op.subject]!;
    if (op.kind === 'ack') {
      const ack = { target: { dedup_key: subject.dedup_key }, by: 'ops', at: now };
      ackDecisions.push(gate.acknowledge(subject.dedup_key, ack).decision.kind);
      continue;
    }
    const next = candidate({
      ...subject,
      severity: op.severity,
      event_time: now,
      title: `${op.severity} alert`,
    });
    judged.push({ ...subject, at: now, severity: op.severity, decision: gate.judge(next).decision });
  }
  return { gate, judged, ackDecisions, endedAt: now };
}

const forKey = (judged: readonly Judged[], dedupKey: string) =>
  judged.filter((j) => j.dedup_key === dedupKey);
const emits = (judged: readonly Judged[]) =>
  judged.flatMap((j) => (j.decision.kind === 'EMIT' ? [{ ...j, decision: j.decision }] : []));

describe('alert gate properties', () => {
  it('sends at most one non-escalation alert per key within any suppression window', () => {
    fc.assert(
      fc.property(opsArb, configArb, (ops, config) => {
        const { judged } = run(ops, config);
        for (const { dedup_key, type } of SUBJECTS) {
          const window = policyFor(config, type).suppression_window_ms;
          const plain = emits(forKey(judged, dedup_key)).filter((e) => e.decision.reason !== 'ESCALATION');
          for (let i = 1; i < plain.length; i++) {
            expect(plain[i]!.at - plain[i - 1]!.at).toBeGreaterThanOrEqual(window);
          }
        }
      }),
    );
  });

  it('only escalates above what was last sent, and never suppresses anything more severe', () => {
    fc.assert(
      fc.property(opsArb, configArb, (ops, config) => {
        const { judged } = run(ops, config);
        for (const { dedup_key } of SUBJECTS) {
          let lastSent: Severity | null = null;
          for (const j of forKey(judged, dedup_key)) {
            if (j.decision.kind === 'SUPPRESS') {
              expect(lastSent).not.toBeNull();
              expect(isHigherSeverity(j.severity, lastSent!)).toBe(false);
            }
            if (j.decision.kind !== 'EMIT') continue;
            if (j.decision.reason === 'ESCALATION')
              expect(isHigherSeverity(j.severity, lastSent!)).toBe(true);
            lastSent = j.decision.alert.severity;
          }
        }
      }),
    );
  });

  it('never emits more alerts of a type than its rate limit allows in any window', () => {
    fc.assert(
      fc.property(opsArb, configArb, (ops, config) => {
        const { judged } = run(ops, config);
        for (const type of new Set(SUBJECTS.map((s) => s.type))) {
          const limit: RateLimitPolicy = policyFor(config, type).rate_limit;
          const times = emits(judged.filter((j) => j.type === type)).map((e) => e.at);
          for (const end of times) {
            const inWindow =
              limit.window_kind === 'sliding'
                ? times.filter((t) => t > end - limit.window_ms && t <= end)
                : times.filter((t) => Math.floor(t / limit.window_ms) === Math.floor(end / limit.window_ms));
            expect(inWindow.length).toBeLessThanOrEqual(limit.max_alerts);
          }
        }
      }),
    );
  });

  it('counts every candidate of a key, and each alert counts the candidates folded into it', () => {
    fc.assert(
      fc.property(opsArb, configArb, (ops, config) => {
        const { gate, judged } = run(ops, config);
        for (const { dedup_key } of SUBJECTS) {
          const seen = forKey(judged, dedup_key);
          expect(gate.keyState(dedup_key)?.candidates_seen ?? 0).toBe(seen.length);
          const perAlert = new Map<string, number>();
          for (const j of seen) {
            if (j.decision.kind === 'DISABLED') throw new Error('alerts are enabled here');
            const id = j.decision.alert.alert_id;
            perAlert.set(id, (perAlert.get(id) ?? 0) + 1);
            expect(j.decision.alert.occurrences).toBe(perAlert.get(id));
          }
          const state = gate.keyState(dedup_key);
          if (state !== null) {
            expect(state.alert.occurrences).toBe(perAlert.get(state.alert.alert_id));
            expect(perAlert.size).toBe(state.alerts_created);
          }
        }
        const rateLimited = judged.filter((j) => j.decision.kind === 'RATE_LIMITED');
        const totals = [...new Set(SUBJECTS.map((s) => s.type))].map(
          (type) => gate.typeState(type)?.rate_limited_total ?? 0,
        );
        expect(totals.reduce((a, b) => a + b, 0)).toBe(rateLimited.length);
      }),
    );
  });

  it('gives each alert one id, never shared across keys or first occurrences', () => {
    fc.assert(
      fc.property(opsArb, configArb, (ops, config) => {
        const owners = new Map<string, string>();
        for (const j of run(ops, config).judged) {
          if (j.decision.kind === 'DISABLED') continue;
          const { alert_id, dedup_key, created_at } = j.decision.alert;
          const owner = `${dedup_key}@${created_at}`;
          expect(owners.get(alert_id) ?? owner).toBe(owner);
          owners.set(alert_id, owner);
        }
      }),
    );
  });

  it('replays to identical decisions and ids, also across a restart from stored state', () => {
    fc.assert(
      fc.property(opsArb, configArb, fc.nat(), (ops, config, cut) => {
        const first = run(ops, config);
        const replay = run(ops, config);
        expect(replay.judged).toEqual(first.judged);
        expect(replay.ackDecisions).toEqual(first.ackDecisions);

        const split = ops.length === 0 ? 0 : cut % (ops.length + 1);
        const before = run(ops.slice(0, split), config);
        const restored = copyStores(before.gate.stores);
        const after = run(ops.slice(split), config, restored, before.endedAt);
        expect([...before.judged, ...after.judged]).toEqual(first.judged);
        expect(restored.keys).toEqual(first.gate.stores.keys);
        expect(restored.types).toEqual(first.gate.stores.types);
      }),
    );
  });

  it('decides everything DISABLED and stores nothing when alerts are off', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const { gate, judged, ackDecisions } = run(ops, createAlertsConfig({ enabled: false }));
        expect(judged.every((j) => j.decision.kind === 'DISABLED')).toBe(true);
        expect(ackDecisions.every((kind) => kind === 'DISABLED')).toBe(true);
        expect(gate.stores.keys.size + gate.stores.types.size).toBe(0);
      }),
    );
  });
});
