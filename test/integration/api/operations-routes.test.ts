import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, TEST_TOKEN } from '../../support/api-harness.ts';
import { ALERT_IDS, insertKnownRows, NOW } from '../../support/api-known-rows.ts';

describe('monitoring, dip, alert and operations routes on known rows', () => {
  let api: ApiHarness;
  const get = async (url: string) => {
    const response = await api.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };
  const ack = (id: string, headers: Record<string, string>, body: unknown = { acknowledged_by: 'ops' }) =>
    api.app.inject({ method: 'POST', url: `/alerts/${id}/ack`, headers, payload: body as object });

  beforeAll(async () => {
    api = await startApiHarness({ label: 'api_ops', clock: () => NOW });
    await insertKnownRows(api.db.target);
  });
  afterAll(() => api?.close());

  it('GET /health reports each dependency ready with its latency', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    for (const name of ['kafka', 'clickhouse', 'registry']) {
      expect(body.dependencies[name].ready).toBe(true);
      expect(body.dependencies[name].latency_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('GET /monitoring/discovery/pipeline shows the latest run with its components, alerts and picks', async () => {
    const { status, body } = await get('/monitoring/discovery/pipeline');
    expect(status).toBe(200);
    expect(body).toMatchObject({ run_id: 'run-b', health_score: 0.75, status: 'healthy', healthy: false });
    expect(body.components.processing_time).toEqual({ score: 0.82, value: 9450, target: 8000, detail: null });
    expect(body.stages.universe_loading).toMatchObject({ symbols_in: 5120, duration_ms: 410 });
    expect(body.alerts.map((a: { alert_id: string }) => a.alert_id)).toEqual([ALERT_IDS.unhealthyB]);
    expect(body.recommendations.map((r: { symbol: string; rank: number }) => [r.rank, r.symbol])).toEqual([
      [1, 'BONE'],
      [2, 'BTWO'],
      [3, 'BTHR'],
      [4, 'BFOU'],
    ]);
    // The monitor's own recommendations (advice in plain words) and the run against its baseline.
    expect(body.advice).toEqual(['price_filtering has no timing: its efficiency is not scored']);
    expect(body.baseline).toEqual([
      {
        measure: 'duration_ms',
        value: 9450,
        samples: 20,
        median: 8100,
        mad: 300,
        deviation: 3.04,
        drifting: true,
        above: true,
        consecutive_runs: 3,
        sustained: true,
      },
      {
        measure: 'stage_rate:universe_loading',
        value: 12487.8,
        samples: 2,
        median: 12000,
        mad: 150,
        deviation: null,
        drifting: false,
        above: null,
        consecutive_runs: 0,
        sustained: false,
      },
    ]);
  });

  it('GET /monitoring/discovery/pipeline/history summarises the runs of the window', async () => {
    const { body } = await get('/monitoring/discovery/pipeline/history?days=60');
    expect(body.runs.map((r: { run_id: string; status: string }) => [r.run_id, r.status])).toEqual([
      ['run-b', 'healthy'],
      ['run-a', 'degraded'],
    ]);
    expect(body).toMatchObject({ run_count: 2, healthy_count: 1 });
    expect(body.mean_health_score).toBeCloseTo(0.7, 12);
  });

  it('GET /dip-detection/portfolio-analysis lists the latest session and the money asked for', async () => {
    const { body } = await get('/dip-detection/portfolio-analysis');
    // AMC's BUY_MORE of the same session was withdrawn: neither listed nor counted.
    expect(body.session_date).toBe('2026-04-29');
    expect(body.analyses.map((a: { symbol: string; action: string }) => [a.symbol, a.action])).toEqual([
      ['QUBT', 'BUY_MORE'],
      ['SNDL', 'HOLD'],
    ]);
    expect(body.total_opportunity_usd).toBeCloseTo(7237.61, 9);
    expect(body.buy_more_count).toBe(1);
  });

  it('GET /dip-detection/signals keeps the buy-more signals of the window that still stand', async () => {
    // AMC:2026-04-29 and SNDL:2026-04-27 were BUY_MORE signals in the window, both withdrawn since.
    const week = await get('/dip-detection/signals?days_back=7');
    expect(week.body.signals.map((s: { analysis_id: string }) => s.analysis_id)).toEqual([
      'QUBT:2026-04-29',
      'QUBT:2026-04-28',
    ]);
    const day = await get('/dip-detection/signals?days_back=1');
    expect(day.body.signals.map((s: { analysis_id: string }) => s.analysis_id)).toEqual(['QUBT:2026-04-29']);
  });

  it('GET /alerts filters and pages, counting acknowledgements not yet on the alert record', async () => {
    const all = await get('/alerts');
    expect(all.body.alerts.map((a: { alert_id: string }) => a.alert_id)).toEqual([
      ALERT_IDS.missedB,
      ALERT_IDS.missedA,
      ALERT_IDS.unhealthyB,
    ]);
    expect(all.body.alerts[0]).toMatchObject({
      acknowledged: true,
      severity: 'HIGH',
      data: { symbol: 'BONE' },
    });
    const ids = async (url: string) =>
      (await get(url)).body.alerts.map((a: { alert_id: string }) => a.alert_id);
    expect(await ids('/alerts?min_severity=HIGH')).toEqual([ALERT_IDS.missedB]);
    expect(await ids('/alerts?severity=WARNING&type=PIPELINE_UNHEALTHY')).toEqual([ALERT_IDS.unhealthyB]);
    expect(await ids('/alerts?acknowledged=false')).toEqual([ALERT_IDS.missedA, ALERT_IDS.unhealthyB]);
    expect(await ids('/alerts?since=2026-04-01T00:00:00Z')).toEqual([ALERT_IDS.missedB, ALERT_IDS.missedA]);
    const first = await get('/alerts?limit=2');
    const second = await get(`/alerts?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.alerts.map((a: { alert_id: string }) => a.alert_id)).toEqual([ALERT_IDS.unhealthyB]);
    expect(second.body.next_cursor).toBeNull();
  });

  it('POST /alerts/:id/ack publishes an acknowledgement keyed by the alert, stamped with the clock', async () => {
    const response = await ack(
      ALERT_IDS.missedA,
      { authorization: `Bearer ${TEST_TOKEN}` },
      { acknowledged_by: 'ana', note: 'seen' },
    );
    expect(response.statusCode).toBe(202);
    expect(api.acks).toEqual([
      {
        alert_id: ALERT_IDS.missedA,
        dedup_key: `key-${ALERT_IDS.missedA}`,
        acknowledged_by: 'ana',
        acknowledged_at: NOW,
        note: 'seen',
      },
    ]);
    expect(response.json().acknowledged_at).toBe(new Date(NOW).toISOString());
  });

  it('POST /alerts/:id/ack refuses an unknown or already acknowledged alert', async () => {
    const auth = { authorization: `Bearer ${TEST_TOKEN}` };
    expect((await ack('f'.repeat(32), auth)).json().error.code).toBe('ALERT_NOT_FOUND');
    const again = await ack(ALERT_IDS.missedB, auth);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALERT_ALREADY_ACKNOWLEDGED');
  });

  it('refuses mutations without a token and with a wrong one, before reading anything', async () => {
    const before = api.statements.length;
    const missing = await ack(ALERT_IDS.missedA, {});
    expect([missing.statusCode, missing.json().error.code]).toEqual([401, 'TOKEN_MISSING']);
    const wrong = await ack(ALERT_IDS.missedA, { authorization: `Bearer ${TEST_TOKEN}x` });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'TOKEN_INVALID']);
    const basic = await ack(ALERT_IDS.missedA, { authorization: `Basic ${TEST_TOKEN}` });
    expect(basic.json().error.code).toBe('TOKEN_MISSING');
    expect(api.statements.length).toBe(before);
  });

  it('GET /metrics serves the registry, API latency included', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(
      /amc_api_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/,
    );
    expect(response.body).toContain('# TYPE amc_consumer_lag_records gauge');
  });

  it('serves OpenAPI at /docs, with every HTTP route', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/docs/json' });
    const paths = Object.keys(response.json().paths);
    for (const path of [
      '/health',
      '/metrics',
      '/monitoring/discovery/pipeline',
      '/monitoring/discovery/pipeline/history',
      '/learning/missed-opportunities',
      '/learning/recommendations',
      '/learning/recommendations/{tracking_id}',
      '/learning/performance',
      '/dip-detection/portfolio-analysis',
      '/dip-detection/signals',
      '/alerts',
      '/alerts/{id}/ack',
      '/learning/cycles',
      '/learning/parameters',
      '/learning/parameters/{name}/approve',
      '/learning/parameters/{name}/rollback',
    ]) {
      expect(paths).toContain(path);
    }
    expect((await api.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers unknown routes with NOT_FOUND and sends no CORS headers unless configured', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/nope',
      headers: { origin: 'https://evil.example' },
    });
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const health = await api.app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(health.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('with AMC_API_TOKEN unset', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ label: 'api_notoken', config: { token: undefined } });
  });
  afterAll(() => api?.close());

  it('refuses every mutation as disabled, whatever token is sent', async () => {
    const mutations = [
      [`/alerts/${ALERT_IDS.missedA}/ack`, { acknowledged_by: 'ops' }],
      ['/learning/cycles', { requested_by: 'ops' }],
      ['/learning/parameters/composite_score_threshold/approve', { requested_by: 'ops' }],
      ['/learning/parameters/composite_score_threshold/rollback', { requested_by: 'ops' }],
    ] as const;
    for (const [url, payload] of mutations) {
      for (const headers of [
        {},
        { authorization: `Bearer ${TEST_TOKEN}` },
        { authorization: 'Bearer undefined' },
      ]) {
        const response = await api.app.inject({ method: 'POST', url, headers, payload });
        expect([url, response.statusCode, response.json().error.code]).toEqual([
          url,
          403,
          'MUTATIONS_DISABLED',
        ]);
      }
    }
    expect(api.statements).toEqual([]);
    expect(api.acks).toEqual([]);
    expect(api.commands).toEqual([]);
  });
});

describe('rate limit and CORS when configured', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({
      label: 'api_limits',
      config: { rateLimitPerMinute: 2, corsOrigins: ['https://ops.example.com'] },
    });
  });
  afterAll(() => api?.close());

  it('limits each client on the expensive queries, not on the cheap ones', async () => {
    const codes = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (await api.app.inject({ method: 'GET', url: '/learning/performance', remoteAddress: '10.0.0.1' }))
          .statusCode,
      );
    }
    expect(codes).toEqual([200, 200, 429]);
    const limited = await api.app.inject({
      method: 'GET',
      url: '/learning/performance',
      remoteAddress: '10.0.0.1',
    });
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', retriable: true });
    const other = await api.app.inject({
      method: 'GET',
      url: '/learning/performance',
      remoteAddress: '10.0.0.2',
    });
    expect(other.statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect(
        (await api.app.inject({ method: 'GET', url: '/alerts', remoteAddress: '10.0.0.1' })).statusCode,
      ).toBe(200);
    }
  });

  it('answers the configured origin only', async () => {
    const allowed = await api.app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://ops.example.com' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.com');
    const other = await api.app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
