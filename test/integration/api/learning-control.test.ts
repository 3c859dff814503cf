import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandGateway } from '../../../api/learning/command-gateway.ts';
import type { LearningCycle } from '../../../schemas/types.generated.ts';
import { type ApiHarness, startApiHarness, TEST_TOKEN } from '../../support/api-harness.ts';
import { NOW } from '../../support/api-known-rows.ts';
import {
  APPROVED,
  insertLearningRows,
  LATEST_RUN,
  ON_DEMAND,
  ROLLED_BACK,
  WEEKLY,
} from '../../support/learning-known-rows.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A cycle record as the API answers it: the same fields, times as ISO strings. */
const asAnswered = (cycle: LearningCycle) => ({
  ...cycle,
  window_start: iso(cycle.window_start),
  window_end: iso(cycle.window_end),
  started_at: iso(cycle.started_at),
  completed_at: iso(cycle.completed_at),
});

describe('learning cycles and parameters on known rows', () => {
  let api: ApiHarness;
  const auth = { authorization: `Bearer ${TEST_TOKEN}` };
  const get = async (url: string) => {
    const response = await api.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };
  const post = (url: string, payload: object, headers: Record<string, string> = auth) =>
    api.app.inject({ method: 'POST', url, headers, payload });

  beforeAll(async () => {
    api = await startApiHarness({ label: 'api_learning_control', clock: () => NOW });
    await insertLearningRows(api.db.target);
  });
  afterAll(() => api?.close());

  it('GET /learning/cycles: newest first, each at its latest state, shaped as its record', async () => {
    const { status, body } = await get('/learning/cycles');
    expect(status).toBe(200);
    expect(body.cycles.map((c: { cycle_id: string }) => c.cycle_id)).toEqual([
      ON_DEMAND.cycle_id,
      WEEKLY.cycle_id,
    ]);
    const [onDemand, weekly] = body.cycles;
    expect(weekly).toEqual(asAnswered(WEEKLY));
    // Spelled out: what the sink gained and the API gives back.
    expect(weekly.status).toBe('COMPLETED');
    expect(weekly.tracker).toMatchObject({
      median_return_30d_pct: 3.1,
      return_sample_size: 11,
      outcomes_by_category: { EXPLOSIVE: 1, MODERATE: 6, FAILED: 4 },
      evidence_sample_size: 11,
      composite_ic: 0.41,
      vigl_ic: null,
    });
    expect(
      weekly.tracker.score_quintiles.map((q: { mean_return_30d_pct: number }) => q.mean_return_30d_pct),
    ).toEqual([-4.1, 1.2, 5.5, 9.8, 22.4]);
    expect(weekly.dip_validator).toMatchObject({ buy_more_mean_thesis_strength: 0.85, settled_buy_more: 0 });
    expect(weekly.proposals.map((p: { status: string }) => p.status)).toEqual([
      'PENDING',
      'INSUFFICIENT_DATA',
    ]);
    expect(onDemand).toMatchObject({ trigger: 'ON_DEMAND', tracker: null, monitor: null, proposals: [] });
    expect((await get('/learning/cycles?limit=1')).body.cycles).toHaveLength(1);
  });

  it('GET /learning/parameters: the latest change is in force; without one, the latest run naming it', async () => {
    const { status, body } = await get('/learning/parameters');
    expect(status).toBe(200);
    const [composite, vigl, volume] = body.parameters;
    expect(body.parameters.map((p: { name: string }) => p.name)).toEqual([
      'composite_score_threshold',
      'vigl_score_threshold',
      'volume_spike_min',
    ]);
    expect(composite).toMatchObject({ value: 60, set_by: 'LEARNING', since: '2026-04-28T09:00:00.000Z' });
    expect(composite.history).toEqual([
      {
        value: 60,
        previous_value: 65,
        source: 'MANUAL',
        cycle_id: null,
        proposal_id: null,
        confidence: null,
        applied_at: iso(ROLLED_BACK.applied_at),
        applied_by: 'ops',
        reason: ROLLED_BACK.reason,
      },
      {
        value: 65,
        previous_value: 60,
        source: 'APPROVED',
        cycle_id: WEEKLY.cycle_id,
        proposal_id: APPROVED.proposal_id,
        confidence: APPROVED.confidence,
        applied_at: iso(APPROVED.applied_at),
        applied_by: 'ops',
        reason: APPROVED.reason,
      },
    ]);
    // run-latest names vigl_score_threshold; only the older run names volume_spike_min.
    expect(vigl).toEqual({
      name: 'vigl_score_threshold',
      value: 0.5,
      set_by: 'DISCOVERY_RUN',
      since: iso(LATEST_RUN.finished_at),
      history: [],
    });
    expect(volume).toMatchObject({ value: 2, set_by: 'DISCOVERY_RUN', since: '2026-04-28T21:00:00.000Z' });
  });

  it('POST /learning/cycles publishes a RUN_CYCLE stamped now and answers 202 with the cycle to look for', async () => {
    const response = await post('/learning/cycles', { requested_by: 'ops', command_id: 'cycle-now-1' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({
      success: true,
      command_id: 'cycle-now-1',
      cycle_id: 'on-demand-cycle-now-1',
      requested_by: 'ops',
      requested_at: iso(NOW),
    });
    expect(api.commands.at(-1)).toEqual({
      kind: 'RUN_CYCLE',
      command_id: 'cycle-now-1',
      requested_at: NOW,
      requested_by: 'ops',
    });
    const fresh = (await post('/learning/cycles', { requested_by: 'ops' })).json();
    expect(fresh.command_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.cycle_id).toBe(`on-demand-${fresh.command_id}`);
  });

  it('POST .../approve and .../rollback publish their commands, the proposal pinned when given', async () => {
    const approve = await post('/learning/parameters/composite_score_threshold/approve', {
      requested_by: 'ops',
      proposal_id: `${WEEKLY.cycle_id}:composite_score_threshold`,
      command_id: 'approve-1',
    });
    expect([approve.statusCode, approve.json()]).toEqual([
      202,
      {
        success: true,
        command_id: 'approve-1',
        parameter: 'composite_score_threshold',
        proposal_id: 'weekly-2026-04-27:composite_score_threshold',
        requested_by: 'ops',
        requested_at: iso(NOW),
      },
    ]);
    const any = await post('/learning/parameters/vigl_score_threshold/approve', { requested_by: 'ops' });
    expect(any.json()).toMatchObject({ parameter: 'vigl_score_threshold', proposal_id: null });
    const rollback = await post('/learning/parameters/volume_spike_min/rollback', { requested_by: 'lead' });
    expect([rollback.statusCode, rollback.json().parameter]).toEqual([202, 'volume_spike_min']);
    expect(api.commands.slice(-3).map((c) => [c.kind, 'parameter' in c ? c.parameter : null])).toEqual([
      ['APPROVE_PARAMETER', 'composite_score_threshold'],
      ['APPROVE_PARAMETER', 'vigl_score_threshold'],
      ['ROLLBACK_PARAMETER', 'volume_spike_min'],
    ]);
  });

  it('refuses a parameter the coordinator does not learn, and commands without or with a wrong token', async () => {
    const before = api.commands.length;
    const unknown = await post('/learning/parameters/min_composite_score/approve', { requested_by: 'ops' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'PARAMETER_NOT_FOUND']);
    expect(unknown.json().error.message).toContain('composite_score_threshold');
    const missing = await post('/learning/cycles', { requested_by: 'ops' }, {});
    expect([missing.statusCode, missing.json().error.code]).toEqual([401, 'TOKEN_MISSING']);
    const wrong = await post(
      '/learning/parameters/composite_score_threshold/rollback',
      { requested_by: 'ops' },
      { authorization: `Bearer ${TEST_TOKEN}x` },
    );
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'TOKEN_INVALID']);
    expect(api.commands.length).toBe(before);
  });
});

describe('learning commands when the coordinator cannot take them', () => {
  let api: ApiHarness;
  const sent: unknown[] = [];
  beforeAll(async () => {
    api = await startApiHarness({
      label: 'api_learning_down',
      commands: commandGateway({
        sender: {
          runCycle: async () => {
            throw new Error('broker gone');
          },
          approveParameter: async () => {
            throw new Error('broker gone');
          },
          rollbackParameter: async () => {
            throw new Error('broker gone');
          },
        },
        topicReady: async () => {
          sent.push('checked');
          return false;
        },
      }),
    });
  });
  afterAll(() => api?.close());

  it('answers 503 LEARNING_UNAVAILABLE while the command topic does not exist', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/learning/cycles',
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
      payload: { requested_by: 'ops' },
    });
    expect([response.statusCode, response.json().error]).toEqual([
      503,
      expect.objectContaining({ code: 'LEARNING_UNAVAILABLE', retriable: true }),
    ]);
    expect(sent).toEqual(['checked']);
  });
});

describe('learning commands the coordinator would refuse', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ label: 'api_learning_refused', clock: () => Date.UTC(1985, 0, 1) });
  });
  afterAll(() => api?.close());

  it('answers 400 COMMAND_REFUSED with the rule broken, and publishes nothing', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/learning/parameters/composite_score_threshold/rollback',
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
      payload: { requested_by: 'ops' },
    });
    expect([response.statusCode, response.json().error.code]).toEqual([400, 'COMMAND_REFUSED']);
    expect(response.json().error.message).toContain('requested_at');
    expect(api.commands).toEqual([]);
  });
});
