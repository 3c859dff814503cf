import { describe, expect, it } from 'vitest';
import type { LearningCycle, ParameterValue } from '../../../schemas/types.generated.ts';
import { coordinatorProcessor } from '../../../streams/learning/coordinator-processor.ts';
import {
  createLearningConfig,
  type LearningConfig,
  proposalStatus,
  runCycle,
} from '../../../streams/learning/domain/index.ts';
import type { CoordinatorEnvelope } from '../../../streams/learning/envelope.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import type { OutputRecord } from '../../../streams/runtime/types.ts';
import {
  candidates,
  command,
  marketEnvelopes,
  on,
  record,
  TOPICS,
  tick,
} from './support/coordinator-feed.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

const coordinator = (
  config: LearningConfig,
  extra: Partial<Parameters<typeof coordinatorProcessor>[0]> = {},
) => coordinatorProcessor({ applicationId: 'coordinator-test', ...TOPICS, config, ...extra });

function run(config: LearningConfig, envelopes: readonly CoordinatorEnvelope[], extra = {}) {
  const result = runInMemory(coordinator(config, extra), envelopes.map(record));
  const outputs: OutputRecord[] = [...(result.outputs.get(0) ?? [])];
  return {
    outputs,
    rejected: result.rejected,
    cycles: on(outputs, TOPICS.cycles).map((o) => o.value as LearningCycle),
    parameters: on(outputs, TOPICS.parameters).map((o) => o.value as ParameterValue),
    alerts: candidates(outputs),
  };
}

describe('the weekly cycle, by event time', () => {
  const config = createLearningConfig();

  it('fires once per week, an hour (the grace) after Monday 07:00 New York, DST included', () => {
    // Data every six hours from Wednesday 4 March to Wednesday 18 March 2026; DST starts on the 8th.
    const ticks = Array.from({ length: 57 }, (_, i) => tick(at('2026-03-04T00:00:00Z') + i * 6 * HOUR));
    const { cycles, outputs } = run(config, ticks);
    expect(cycles.map((c) => [c.cycle_id, c.window_end, c.completed_at])).toEqual([
      ['weekly-2026-03-09', at('2026-03-09T11:00:00Z'), at('2026-03-09T12:00:00Z')],
      ['weekly-2026-03-16', at('2026-03-16T11:00:00Z'), at('2026-03-16T12:00:00Z')],
    ]);
    expect(cycles.every((c) => c.trigger === 'SCHEDULED' && c.status === 'COMPLETED')).toBe(true);
    // The cycle records carry their own event time as the output timestamp.
    expect(on(outputs, TOPICS.cycles).map((o) => o.timestamp)).toEqual(cycles.map((c) => c.started_at));
  });

  it('does not fire before the grace has passed, and fires each missed week when event time jumps', () => {
    const before = run(config, [tick(at('2026-03-04T00:00:00Z')), tick(at('2026-03-09T11:59:59Z'))]);
    expect(before.cycles).toEqual([]);
    const jump = run(config, [tick(at('2026-03-04T00:00:00Z')), tick(at('2026-03-31T00:00:00Z'))]);
    expect(jump.cycles.map((c) => c.cycle_id)).toEqual([
      'weekly-2026-03-09',
      'weekly-2026-03-16',
      'weekly-2026-03-23',
      'weekly-2026-03-30',
    ]);
  });

  it('covers every week from the earliest data seen, whatever arrived first', () => {
    const early = run(config, [
      tick(at('2026-03-11T00:00:00Z')),
      tick(at('2026-03-04T00:00:00Z')),
      tick(at('2026-03-17T00:00:00Z')),
    ]);
    expect(early.cycles.map((c) => c.cycle_id)).toEqual(['weekly-2026-03-09', 'weekly-2026-03-16']);
    // An older week found after later ones ran is run when found, as of its own instant, once.
    const late = run(config, [
      tick(at('2026-03-11T00:00:00Z')),
      tick(at('2026-03-24T00:00:00Z')),
      tick(at('2026-02-26T00:00:00Z')),
      tick(at('2026-02-27T00:00:00Z')),
    ]);
    expect(late.cycles.map((c) => [c.cycle_id, c.window_end, c.completed_at])).toEqual([
      ['weekly-2026-03-16', at('2026-03-16T11:00:00Z'), at('2026-03-16T12:00:00Z')],
      ['weekly-2026-03-23', at('2026-03-23T11:00:00Z'), at('2026-03-23T12:00:00Z')],
      ['weekly-2026-03-02', at('2026-03-02T12:00:00Z'), at('2026-03-24T00:00:00Z')],
      ['weekly-2026-03-09', at('2026-03-09T11:00:00Z'), at('2026-03-24T00:00:00Z')],
    ]);
    // A stray record more than a window older than the first cycle does not reach back.
    const stray = run(config, [
      tick(at('2026-03-11T00:00:00Z')),
      tick(at('2026-03-17T00:00:00Z')),
      tick(at('2025-06-03T00:00:00Z')),
    ]);
    expect(stray.cycles.map((c) => c.cycle_id)).toEqual(['weekly-2026-03-16']);
  });

  it('never reads the wall clock: a replay of the same records gives the same records', () => {
    const envelopes = [
      ...marketEnvelopes({ seed: 5 }, at('2025-12-15T15:00:00Z')),
      tick(at('2026-03-10T00:00:00Z')),
    ];
    const first = run(config, envelopes);
    expect(first.cycles.length).toBeGreaterThan(5);
    expect(run(config, envelopes).outputs).toEqual(first.outputs);
  });

  it('raises an INFO alert per completed cycle, through the gate topic keyed by type', () => {
    const { alerts, outputs } = run(config, [
      tick(at('2026-03-04T00:00:00Z')),
      tick(at('2026-03-10T00:00:00Z')),
    ]);
    expect(alerts.map((a) => [a.type, a.severity, a.dedup_key])).toEqual([
      ['CYCLE_COMPLETED', 'INFO', 'cycle_completed:weekly-2026-03-09'],
    ]);
    expect(on(outputs, TOPICS.alertCandidates)[0]!.key).toBe('cycle_completed');
  });
});

describe('proposals, approval and rollback', () => {
  // A market whose composite threshold 70 is earned; the cycle of Monday 9 March reads it.
  const market = [...marketEnvelopes({ seed: 5 }, at('2025-12-15T15:00:00Z'))];
  const afterCycle = at('2026-03-09T13:00:00Z');
  const lastCycle = (cycles: readonly LearningCycle[]) =>
    cycles.find((c) => c.cycle_id === 'weekly-2026-03-09')!;

  it('auto-apply off: the earned proposal stays pending, with a WARNING; nothing is written', () => {
    const { cycles, parameters, alerts } = run(createLearningConfig(), [...market, tick(afterCycle)]);
    const proposal = lastCycle(cycles).proposals.find((p) => p.parameter === 'composite_score_threshold')!;
    expect(proposal).toMatchObject({ status: 'PENDING', current_value: 50, proposed_value: 70 });
    expect(proposal.confidence).toBeGreaterThanOrEqual(0.9);
    expect(parameters).toEqual([]);
    expect(
      alerts.filter((a) => a.type === 'PARAMETER_PROPOSED').map((a) => [a.severity, a.dedup_key]),
    ).toContainEqual(['WARNING', 'parameter_proposed:weekly-2026-03-09:composite_score_threshold']);
  });

  it('approve writes exactly one parameter record; a repeat of the request adds nothing; rollback restores', () => {
    const approve = command(afterCycle + HOUR, {
      kind: 'APPROVE_PARAMETER',
      command_id: 'a-1',
      parameter: 'composite_score_threshold',
    });
    const again = command(afterCycle + 2 * HOUR, {
      kind: 'APPROVE_PARAMETER',
      command_id: 'a-2',
      parameter: 'composite_score_threshold',
    });
    const rollback = command(afterCycle + 3 * HOUR, {
      kind: 'ROLLBACK_PARAMETER',
      command_id: 'r-1',
      parameter: 'composite_score_threshold',
    });
    const rollbackAgain = command(afterCycle + 4 * HOUR, {
      kind: 'ROLLBACK_PARAMETER',
      command_id: 'r-2',
      parameter: 'composite_score_threshold',
    });
    const { parameters, rejected, alerts } = run(createLearningConfig(), [
      ...market,
      tick(afterCycle),
      approve,
      approve,
      again,
      rollback,
      rollbackAgain,
    ]);
    expect(parameters).toEqual([
      {
        name: 'composite_score_threshold',
        value: 70,
        previous_value: 50,
        cycle_id: 'weekly-2026-03-09',
        proposal_id: 'weekly-2026-03-09:composite_score_threshold',
        source: 'APPROVED',
        confidence: expect.any(Number),
        applied_at: afterCycle + HOUR,
        applied_by: 'ops',
        reason: expect.stringMatching(/^70 instead of 50 would keep/),
      },
      {
        name: 'composite_score_threshold',
        value: 50,
        previous_value: 70,
        cycle_id: null,
        proposal_id: null,
        source: 'MANUAL',
        confidence: null,
        applied_at: afterCycle + 3 * HOUR,
        applied_by: 'ops',
        reason: 'rollback: restores 50 in place of 70 (weekly-2026-03-09:composite_score_threshold)',
      },
    ]);
    // The second approval (nothing pending any more) and the second rollback are refused, with reasons.
    expect(rejected.map((r) => r.rejection)).toEqual([
      {
        code: 'PROCESSING_FAILED',
        reason: 'approval a-2 refused: no proposal for composite_score_threshold is pending',
      },
      {
        code: 'PROCESSING_FAILED',
        reason: 'rollback r-2 refused: composite_score_threshold has no change of this system to roll back',
      },
    ]);
    expect(alerts.filter((a) => a.type === 'PARAMETER_APPLIED').map((a) => a.severity)).toEqual([
      'INFO',
      'INFO',
    ]);
  });

  it('a cycle as of an older instant than one that decided decides nothing: its proposals are REJECTED', () => {
    const past = command(afterCycle + HOUR, {
      kind: 'RUN_CYCLE',
      command_id: 'past-1',
      requested_at: at('2026-03-05T12:00:00Z'),
    });
    const approve = command(afterCycle + 2 * HOUR, {
      kind: 'APPROVE_PARAMETER',
      command_id: 'a-1',
      parameter: 'composite_score_threshold',
    });
    const { cycles, parameters } = run(createLearningConfig({ autoApply: false }), [
      ...market,
      tick(afterCycle),
      past,
      approve,
    ]);
    const old = cycles.find((c) => c.cycle_id === 'on-demand-past-1')!;
    expect(old.proposals[0]).toMatchObject({ status: 'REJECTED' });
    expect(old.proposals[0]!.rationale).toContain(
      '(superseded: the cycle as of 2026-03-09T11:00:00.000Z decides this parameter)',
    );
    expect(parameters.map((p) => p.proposal_id)).toEqual(['weekly-2026-03-09:composite_score_threshold']);
  });

  it('an approval names the proposal the operator saw: a superseded one is refused', () => {
    const stale = command(afterCycle + HOUR, {
      kind: 'APPROVE_PARAMETER',
      command_id: 'a-1',
      parameter: 'composite_score_threshold',
      proposal_id: 'weekly-2026-03-02:composite_score_threshold',
    });
    const { parameters, rejected } = run(createLearningConfig(), [...market, tick(afterCycle), stale]);
    expect(parameters).toEqual([]);
    expect(rejected[0]!.rejection.reason).toContain('is no longer pending');
  });

  it('auto-apply on: applied by the first cycle that earns it, one record, with a WARNING', () => {
    const { cycles, parameters, alerts } = run(createLearningConfig({ autoApply: true }), [
      ...market,
      tick(afterCycle),
    ]);
    const earning = cycles.find((c) =>
      c.proposals.some((p) => p.parameter === 'composite_score_threshold' && p.status === 'APPLIED'),
    )!;
    expect(earning.auto_apply_enabled).toBe(true);
    expect(parameters).toEqual([
      expect.objectContaining({
        name: 'composite_score_threshold',
        value: 70,
        previous_value: 50,
        source: 'AUTOMATIC',
        applied_by: null,
        proposal_id: `${earning.cycle_id}:composite_score_threshold`,
        applied_at: earning.completed_at,
      }),
    ]);
    // Later cycles measure against 70 and find nothing more to change.
    expect(lastCycle(cycles).proposals[0]).toMatchObject({ current_value: 70, status: 'INSUFFICIENT_DATA' });
    expect(alerts.find((a) => a.type === 'PARAMETER_APPLIED')?.severity).toBe('WARNING');
  });

  it('auto-apply on with confidence 0.89: applies nothing, the proposal waits; at 0.9 it applies', () => {
    const withConfidence = (confidence: number) => {
      const config = createLearningConfig({
        autoApply: true,
        parameters: createLearningConfig().parameters.slice(0, 1),
      });
      const fixed: typeof runCycle = (request, facts, agents, cfg) => {
        // The real cycle, with the evidence's confidence set: the decision under test is what follows.
        const real = runCycle(request, facts, agents, cfg);
        const proposals = real.proposals.map((p) => ({
          ...p,
          confidence,
          status: proposalStatus({ ...p, confidence }, cfg),
        }));
        return {
          report: {
            ...real.report,
            proposals: real.report.proposals.map((p, i) => ({
              ...p,
              confidence,
              status: proposals[i]!.status,
            })),
          },
          proposals,
        };
      };
      return run(config, [...market, tick(afterCycle)], { runCycle: fixed });
    };
    const low = withConfidence(0.89);
    expect(low.parameters).toEqual([]);
    expect(lastCycle(low.cycles).proposals[0]).toMatchObject({ status: 'PENDING', confidence: 0.89 });
    expect(
      low.cycles.flatMap((c) => c.proposals).filter((p) => p.status === 'PENDING').length,
    ).toBeGreaterThan(0);
    const enough = withConfidence(0.9);
    expect(enough.parameters).toHaveLength(1);
    expect(enough.parameters[0]).toMatchObject({ value: 70, source: 'AUTOMATIC', confidence: 0.9 });
  });
});

describe('commands', () => {
  const config = createLearningConfig();

  it('runs a cycle on demand at the request time, named after the request', () => {
    const { cycles } = run(config, [
      tick(at('2026-03-04T00:00:00Z')),
      command(at('2026-03-05T10:00:00Z'), { kind: 'RUN_CYCLE', command_id: 'now-1' }),
    ]);
    expect(cycles.map((c) => [c.cycle_id, c.trigger, c.window_end])).toEqual([
      ['on-demand-now-1', 'ON_DEMAND', at('2026-03-05T10:00:00Z')],
    ]);
  });

  it('refuses a malformed command whole, with its reason', () => {
    const { cycles, rejected } = run(config, [
      command(at('2026-03-05T10:00:00Z'), { kind: 'RUN_CYCLE', command_id: 'x', force: true }),
    ]);
    expect(cycles).toEqual([]);
    expect(rejected[0]!.rejection).toEqual({
      code: 'SCHEMA_MISMATCH',
      reason:
        'command refused: unknown field force for RUN_CYCLE; allowed: kind, command_id, requested_at, requested_by',
    });
  });
});
