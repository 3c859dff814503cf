import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEndpoints } from '../../../config/endpoints.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { startApiHarness } from '../../support/api-harness.ts';
import { createTestDatabase, type TestDatabase } from '../../support/clickhouse.ts';
import { uniqueName } from '../../support/names.ts';

/*
 * `npm start -- --once` as a user runs it, on a small sample and names of its
 * own (topic prefix, application id, database, a free API port): it must
 * publish the sample, land it in ClickHouse, print the summary and exit 0.
 * The summary's numbers are then checked against queries written here, and
 * the API, over the same database, must answer every route with data.
 */
const SAMPLE = ['--sample-symbols', '40', '--sample-sessions', '60', '--sample-seed', '3'];

let db: TestDatabase;
let output = '';
let exitCode: number | null = null;

async function count(sqlText: string): Promise<number> {
  const rows = await db.session.query<{ n: string | number }>(sqlText);
  return Number(rows[0]?.n ?? 0);
}

/** A number the summary printed after `label`, e.g. "Recommendations  663 tracked". */
function printed(pattern: RegExp): number {
  const match = pattern.exec(output);
  if (!match) throw new Error(`the summary has no ${pattern}: ${output.slice(-3000)}`);
  return Number(match[1]!.replaceAll(',', ''));
}

describe('npm start -- --once on a small sample', () => {
  beforeAll(async () => {
    db = await createTestDatabase('start_once', { migrated: false });
    const endpoints = loadEndpoints();
    const name = uniqueName('start-once');
    const child = spawn('npm', ['start', '--silent', '--', '--once', ...SAMPLE], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
        CLICKHOUSE_URL: endpoints.clickhouseUrl,
        CLICKHOUSE_DATABASE: db.target.database,
        AMC_TOPIC_PREFIX: `${name}.`,
        AMC_APPLICATION_ID: name,
        AMC_API_PORT: '0',
        AMC_SESSION_TIMEOUT_MS: '6000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 280_000);
    [exitCode] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
  }, 300_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('exits 0 after the summary, having published the sample', () => {
    expect(exitCode, output.slice(-3000)).toBe(0);
    expect(output).toMatch(/publishing [\d,]+ records/);
    expect(output).toContain('━━ amc-learning: what the data says ━━');
    expect(output).toContain('[amc-learning] done (--once): stopping');
  });

  it('left final outcomes, health records, dip analyses and a learning cycle in ClickHouse', async () => {
    expect(
      await count('SELECT count() AS n FROM recommendation_tracking_latest WHERE is_final = 1'),
    ).toBeGreaterThan(0);
    expect(await count('SELECT count() AS n FROM pipeline_health_latest')).toBe(60);
    expect(await count('SELECT count() AS n FROM dip_analysis_latest')).toBeGreaterThan(0);
    expect(
      await count("SELECT count() AS n FROM learning_cycles_latest WHERE status = 'COMPLETED'"),
    ).toBeGreaterThan(0);
  });

  it("prints the numbers ClickHouse holds: the summary's figures equal queries written independently", async () => {
    expect(printed(/Recommendations\s+([\d,]+) tracked/)).toBe(
      await count('SELECT uniqExact(tracking_id) AS n FROM recommendation_tracking'),
    );
    expect(printed(/tracked, ([\d,]+) final/)).toBe(
      await count(
        'SELECT count() AS n FROM (SELECT tracking_id, argMax(is_final, version) AS f FROM recommendation_tracking GROUP BY tracking_id) WHERE f = 1',
      ),
    );
    expect(printed(/final \([\d,]+ still inside their 30 days\), ([\d,]+) missed/)).toBe(
      await count(
        'SELECT count() AS n FROM (SELECT tracking_id, argMax(is_final, version) AS f, argMax(missed_opportunity, version) AS m FROM recommendation_tracking GROUP BY tracking_id) WHERE f = 1 AND m = 1',
      ),
    );
    expect(printed(/Pipeline health\s+([\d,]+) runs/)).toBe(
      await count('SELECT uniqExact(run_id) AS n FROM pipeline_health_log'),
    );
    expect(printed(/Buy-the-dip\s+([\d,]+) analyses/)).toBe(
      await count(
        'SELECT count() AS n FROM (SELECT analysis_id, argMax(withdrawn, version) AS w FROM dip_analysis_log GROUP BY analysis_id) WHERE w = 0',
      ),
    );
    expect(printed(/Learning cycles\s+([\d,]+) completed/)).toBe(
      await count("SELECT count() AS n FROM learning_cycles_latest WHERE status = 'COMPLETED'"),
    );
  });

  it('the API, over the same database, answers every route with data', async () => {
    const api = await startApiHarness({ db, label: 'start_once' });
    try {
      const get = async (url: string) => {
        const response = await api.app.inject({ method: 'GET', url });
        expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
        const body = response.json() as Record<string, unknown>;
        expect(body.success, url).toBe(true);
        return body;
      };
      const pipeline = await get('/monitoring/discovery/pipeline');
      expect(pipeline).toHaveProperty('health_score');
      const history = await get('/monitoring/discovery/pipeline/history?days=90');
      expect(JSON.stringify(history)).toContain('sample-');
      const missed = await get('/learning/missed-opportunities?days_back=365');
      expect(Number(missed.total_missed)).toBeGreaterThan(0);
      const list = (await get('/learning/recommendations?limit=5')) as {
        recommendations: { tracking_id: string }[];
      };
      expect(list.recommendations.length).toBeGreaterThan(0);
      await get(`/learning/recommendations/${encodeURIComponent(list.recommendations[0]!.tracking_id)}`);
      const performance = await get('/learning/performance?group=week');
      expect(JSON.stringify(performance)).toContain('success_rate');
      await get('/dip-detection/portfolio-analysis');
      const signals = (await get('/dip-detection/signals?days_back=365')) as { signals: unknown[] };
      expect(signals.signals.length).toBeGreaterThan(0);
      const alerts = (await get('/alerts')) as { alerts: unknown[] };
      expect(alerts.alerts.length).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  });
});
