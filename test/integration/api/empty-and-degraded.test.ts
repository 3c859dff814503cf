import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueryRunner, type QueryRunner } from '../../../api/clickhouse/query-runner.ts';
import { registryReadiness } from '../../../api/health/readiness.ts';
import { MISSED_LIMIT } from '../../../api/queries/missed-opportunities.ts';
import { outcomeRow } from '../../../sinks/mapping/outcome-rows.ts';
import { TABLES } from '../../../sinks/schema/names.ts';
import { createClickhouseWriter } from '../../../sinks/writer/clickhouse-writer.ts';
import { type ApiHarness, startApiHarness } from '../../support/api-harness.ts';
import { NOW, outcome, type Pick } from '../../support/api-known-rows.ts';
import { freePort } from '../../support/ports.ts';

describe('an API over an empty store, with ClickHouse and the registry it checks down', () => {
  let api: ApiHarness;
  let deadClickhouse: QueryRunner;

  beforeAll(async () => {
    // Nothing listens on a port just freed: both checks are refused, as when the server is down.
    const [clickhousePort, registryPort] = [await freePort(), await freePort()];
    deadClickhouse = createQueryRunner({
      url: `http://127.0.0.1:${clickhousePort}`,
      database: 'default',
      timeoutMs: 1_000,
    });
    api = await startApiHarness({
      label: 'api_degraded',
      readiness: {
        clickhouse: () => deadClickhouse.ping(),
        registry: registryReadiness(`http://127.0.0.1:${registryPort}`),
      },
    });
  });
  afterAll(async () => {
    await api?.close();
    await deadClickhouse?.close();
  });

  it('GET /monitoring/discovery/pipeline answers 404 NO_PIPELINE_RUN when no run was assessed', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/monitoring/discovery/pipeline' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      success: false,
      error: {
        code: 'NO_PIPELINE_RUN',
        message: 'No discovery run has been assessed yet; there will be one after the next run',
        retriable: true,
      },
    });
  });

  it('GET /health stays 200 but degraded, naming the dependencies that did not answer and why', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.success).toBe(true);
    expect(body.status).toBe('degraded');
    expect(body.dependencies.kafka).toMatchObject({ ready: true });
    expect(body.dependencies.kafka.error).toBeUndefined();
    for (const name of ['clickhouse', 'registry']) {
      expect(body.dependencies[name].ready, name).toBe(false);
      expect(body.dependencies[name].error, name).toEqual(expect.any(String));
      expect(body.dependencies[name].error.length, name).toBeGreaterThan(0);
    }
  });
});

describe('GET /learning/missed-opportunities with more missed opportunities than it lists', () => {
  const DAY_MS = 86_400_000;
  // 30-day returns of 25 unbought picks, in no order; 40 twice, to pin the tie-break on the id.
  const RETURNS = [
    33, 90, 27, 61, 40, 58, 25, 72, 45, 31, 88, 40, 52, 29, 66, 37, 95, 48, 26, 80, 35, 54, 70, 43, 63,
  ];
  let api: ApiHarness;

  const pick = (symbol: string, r30: number, bought: boolean): Pick => ({
    symbol,
    composite: 70,
    vigl: 0.5,
    volumeSpike: 3,
    returns: [1, 2, 3, r30],
    bought,
    category: 'STRONG',
  });

  beforeAll(async () => {
    api = await startApiHarness({ label: 'api_missed_many', clock: () => NOW });
    const discoveredAt = NOW - 40 * DAY_MS;
    const outcomes = [
      ...RETURNS.map((r30, i) =>
        outcome('run-m', discoveredAt, pick(`M${String(i).padStart(2, '0')}`, r30, false), 3),
      ),
      // Not missed: bought, or below the 25% line; a higher return must not put them on the list.
      outcome('run-m', discoveredAt, pick('BOUGHT', 150, true), 3),
      outcome('run-m', discoveredAt, pick('BELOW', 24, false), 3),
    ];
    const writer = createClickhouseWriter(api.db.target);
    try {
      await writer.insert(
        TABLES.recommendationTracking,
        outcomes.map((o, i) => outcomeRow(o, { partition: 0, offset: String(i) })),
      );
    } finally {
      await writer.close();
    }
  });
  afterAll(() => api?.close());

  it(`lists exactly ${MISSED_LIMIT}, by 30-day return descending (then id), and counts and averages all of them`, async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/learning/missed-opportunities?days_back=60',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(MISSED_LIMIT).toBe(20);
    expect(body.total_missed).toBe(25);
    expect(body.avg_missed_return).toBeCloseTo(RETURNS.reduce((a, b) => a + b, 0) / 25, 9);
    const listed = body.missed_opportunities.map((m: { symbol: string; return_30d: number }) => [
      m.symbol,
      m.return_30d,
    ]);
    // By hand: the 25 returns sorted descending, the five smallest (31, 29, 27, 26, 25) left off.
    expect(listed).toEqual([
      ['M16', 95],
      ['M01', 90],
      ['M10', 88],
      ['M19', 80],
      ['M07', 72],
      ['M22', 70],
      ['M14', 66],
      ['M24', 63],
      ['M03', 61],
      ['M05', 58],
      ['M21', 54],
      ['M12', 52],
      ['M17', 48],
      ['M08', 45],
      ['M23', 43],
      ['M04', 40],
      ['M11', 40],
      ['M15', 37],
      ['M20', 35],
      ['M00', 33],
    ]);
  });
});
