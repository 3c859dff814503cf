/**
 * ClickHouse 18.16 (the stack) and current ClickHouse (chdb-core, in
 * process), checked rather than hoped: every migration applied to both (and
 * again, changing nothing), the same data inserted into both, then the same
 * tables and types, and the same rows from every API query and every
 * README example, which runs on 18.16 as an analyst would run it, through
 * clickhouse-client.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../sinks/schema/migrate.ts';
import { DERIVED_TABLES, SCHEMA_MIGRATIONS, TABLES, VIEWS } from '../../../sinks/schema/names.ts';
import type { SqlSession } from '../../../sinks/schema/sql-session.ts';
import {
  boolean,
  date,
  dateTime,
  identifier,
  integer,
  number,
  sql,
  string,
} from '../../../sinks/sql/literals.ts';
import * as queries from '../../../sinks/sql/queries/index.ts';
import { analystDataset, insertStatements } from '../../support/analyst-dataset.ts';
import { type ChdbSession, startChdbSession } from '../../support/chdb-session.ts';
import { createTestDatabase, type TestDatabase } from '../../support/clickhouse.ts';
import { apiQueries } from '../../support/compat-queries.ts';
import { sqlBlocks } from '../../support/readme-sql.ts';
import {
  byWeek,
  latestVersions,
  quintiles,
  settledRecommendations,
  spearman,
} from '../../support/reference-answers.ts';
import { differences } from '../../support/same-answers.ts';

const today = Date.now();
const dataset = analystDataset(today);
const API_QUERIES = apiQueries(dataset, today);
let old: TestDatabase;
let current: ChdbSession;

const README_QUERIES = sqlBlocks(new URL('../../../sinks/README.md', import.meta.url));

/** A README example as an analyst runs it: clickhouse-client on the stack, when both are there. */
function asAnalyst(statement: string): Promise<unknown[]> {
  const local = process.env.AMC_TEST_SERVICES === 'local-stack';
  const client = spawnSync('sh', ['-c', 'command -v clickhouse-client'], { stdio: 'ignore' }).status === 0;
  if (!local || !client) return old.session.query(statement);
  const result = spawnSync(
    'clickhouse-client',
    [
      '--host',
      '127.0.0.1',
      '--port',
      '9000',
      '--database',
      old.target.database,
      '--format',
      'JSONEachRow',
      '--query',
      statement,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`clickhouse-client failed: ${result.stderr}`);
  return Promise.resolve(
    result.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown),
  );
}

async function columns(session: SqlSession, name: string): Promise<string[]> {
  const rows = await session.query<{ name: string; type: string }>(
    sql`DESCRIBE TABLE ${identifier(name)}`.text,
  );
  return rows.map((r) => `${r.name} ${r.type}`);
}

beforeAll(async () => {
  old = await createTestDatabase('compat', { migrated: false });
  current = await startChdbSession(old.target.database);
  for (const session of [old.session, current]) {
    const first = await migrate(session);
    expect(first.applied).toEqual(first.applied.map((_, i) => i + 1));
    expect(first.applied.length).toBe(first.version);
    const again = await migrate(session);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(first.applied);
    for (const statement of insertStatements(dataset)) await session.command(statement);
  }
}, 180_000);

afterAll(async () => {
  await current?.close();
  await old?.drop();
});

describe('ClickHouse 18.16 and current ClickHouse give the same answers', () => {
  it('current ClickHouse is current', () => {
    expect(Number(current.version.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it.each([
    SCHEMA_MIGRATIONS,
    ...Object.values(TABLES),
    ...Object.values(DERIVED_TABLES),
    ...Object.values(VIEWS),
  ])('%s has the same columns and types', async (name) => {
    expect(await columns(current, name)).toEqual(await columns(old.session, name));
  });

  it.each(Object.entries(API_QUERIES))('API query "%s" returns the same rows', async (_, statement) => {
    const [a, b] = await Promise.all([old.session.query(statement), current.query(statement)]);
    expect(a.length).toBeGreaterThan(0);
    expect(differences(a, b)).toEqual([]);
  });

  it.each(README_QUERIES.map((q, i) => [i + 1, q] as const))(
    'README example %i runs as written and returns the same rows',
    async (_, statement) => {
      const [a, b] = await Promise.all([asAnalyst(statement), current.query(statement)]);
      expect(a.length).toBeGreaterThan(0);
      expect(differences(a, b)).toEqual([]);
    },
  );

  it('the README has the examples analysts asked for', () => {
    expect(README_QUERIES.length).toBeGreaterThanOrEqual(6);
    const text = README_QUERIES.join('\n');
    for (const view of [
      'recommendations_scored',
      'recommendation_tracking_latest',
      'pipeline_health_latest',
      'dip_analysis_latest',
    ]) {
      expect(text).toContain(view);
    }
  });
});

describe('the API queries answer what they say (checked against the rows inserted, on 18.16)', () => {
  const settled = settledRecommendations(dataset);
  const mean = (xs: readonly number[]) =>
    xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
  const closeTo = (a: unknown, b: number | null) =>
    b === null ? expect(a).toBeNull() : expect(Number(a)).toBeCloseTo(b, 9);

  it('the data set has enough settled recommendations to mean something', () => {
    expect(settled.length).toBeGreaterThan(20);
    expect(byWeek(settled).size).toBeGreaterThanOrEqual(3);
  });

  it('Spearman coefficients per week, from mean ranks', async () => {
    const rows = await old.session.query<Record<string, unknown>>(
      queries.informationCoefficientByWeekQuery().text,
    );
    const weeks = byWeek(settled);
    expect(rows.map((r) => r.week)).toEqual([...weeks.keys()]);
    for (const row of rows) {
      const week = weeks.get(String(row.week))!;
      expect(Number(row.recommendations)).toBe(week.length);
      const returns = week.map((s) => s.return30);
      closeTo(
        row.ic_composite,
        spearman(
          week.map((s) => s.composite),
          returns,
        ),
      );
      closeTo(
        row.ic_vigl,
        spearman(
          week.map((s) => s.vigl),
          returns,
        ),
      );
    }
  });

  it('mean 30-day return by score quintile', async () => {
    const rows = await old.session.query<Record<string, unknown>>(queries.returnByScoreQuintileQuery().text);
    const expected = quintiles(settled);
    expect(rows.map((r) => r.quintile)).toEqual([...expected.keys()]);
    for (const row of rows) {
      const returns = expected.get(Number(row.quintile))!;
      expect(Number(row.recommendations)).toBe(returns.length);
      closeTo(row.mean_return_30d, mean(returns));
    }
  });

  it('success rate and mean 30-day return per week count each recommendation once, at its latest version', async () => {
    const rows = await old.session.query<Record<string, unknown>>(queries.performanceByWeekQuery().text);
    const latest = [...latestVersions(dataset.get(TABLES.recommendationTracking)!).values()];
    expect(rows.reduce((n, r) => n + Number(r.recommendations), 0)).toBe(latest.length);
    for (const row of rows) {
      const week = settled.filter((s) => s.week === row.week);
      closeTo(row.mean_return_30d, mean(week.map((s) => s.return30)));
      closeTo(
        row.success_rate,
        week.length === 0 ? null : week.filter((s) => s.success === 1).length / week.length,
      );
    }
  });

  it('a filter applies to the latest version only: no recommendation shows up by a superseded version', async () => {
    const latest = latestVersions(dataset.get(TABLES.recommendationTracking)!);
    const open = await old.session.query<{ tracking_id: string }>(
      queries.recommendationsQuery({ final: false, limit: 1000 }).text,
    );
    expect(open.map((r) => r.tracking_id).sort()).toEqual(
      [...latest.values()]
        .filter((r) => r.is_final === 0)
        .map((r) => String(r.tracking_id))
        .sort(),
    );
    const history = await old.session.query<{ version: string }>(
      queries.recommendationHistoryQuery('run-0:S00').text,
    );
    expect(history.map((h) => h.version)).toEqual(['1', '2', '3']);
  });

  it('the discovery-time copy, read FINAL, holds each recommendation once at its latest version, on both engines', async () => {
    const expected = [...latestVersions(dataset.get(TABLES.recommendationTracking)!).values()]
      .map((r) => [String(r.tracking_id), String(r.version), r.return_30d])
      .sort();
    const statement = sql`SELECT tracking_id, version, return_30d
      FROM ${identifier(DERIVED_TABLES.recommendationTrackingByDiscovery)} FINAL ORDER BY tracking_id`.text;
    for (const session of [old.session, current]) {
      const rows = await session.query<{ tracking_id: string; version: string; return_30d: number | null }>(
        statement,
      );
      expect(rows.map((r) => [r.tracking_id, r.version, r.return_30d])).toEqual(expected);
    }
  });

  it('a withdrawn analysis is neither the latest of its symbol nor a signal', async () => {
    const latest = await old.session.query<{ analysis_id: string }>(queries.latestDipAnalysesQuery().text);
    // QUBT's newest analysis was withdrawn: QUBT has none standing (an older one is not put in its place).
    expect(latest.map((r) => r.analysis_id.split(':')[0])).toEqual(['AMC', 'SNDL']);
    const signals = await old.session.query<{ analysis_id: string }>(queries.buyMoreSignalsQuery({}).text);
    const withdrawn = dataset
      .get(TABLES.dipAnalysisLog)!
      .filter((r) => r.withdrawn === 1)
      .map((r) => r.analysis_id);
    expect(withdrawn).toHaveLength(2);
    for (const id of withdrawn) expect(signals.map((r) => r.analysis_id)).not.toContain(id);
    expect(signals.length).toBeGreaterThan(0);
  });

  it('acknowledged alerts include an acknowledgement the alert record does not reflect yet', async () => {
    const rows = await old.session.query<{ alert_id: string }>(
      queries.alertsQuery({ acknowledged: true }).text,
    );
    expect(rows.map((r) => r.alert_id).sort()).toEqual(['alert-3', 'alert-6']);
  });

  it('the API reads each version once, pages alerts past a cursor and finds the alerts of a run, on both engines', async () => {
    const answers = async (name: string, column: string) => {
      const [a, b] = await Promise.all([
        old.session.query(API_QUERIES[name]!),
        current.query(API_QUERIES[name]!),
      ]);
      return [a, b].map((rows) => rows.map((r) => String((r as Record<string, unknown>)[column])));
    };
    // Version 2 of run-1:S11 was delivered twice.
    for (const versions of await answers('API: recommendation history', 'version'))
      expect(versions).toEqual(['1', '2']);
    // The one critical pipeline alert created before alert-5.
    for (const ids of await answers('API: alerts page after a cursor, by severity and type', 'alert_id'))
      expect(ids).toEqual(['alert-3']);
    for (const ids of await answers('API: alerts of a run', 'alert_id'))
      expect(ids).toEqual(['alert-5', 'alert-4']);
  });
});

describe('request values through sinks/sql/literals.ts reach both engines intact', () => {
  const nasty = [
    "O'NEIL",
    "'; DROP TABLE alerts; --",
    'back\\slash\\',
    "\\'",
    'line\nbreak\ttab\rreturn',
    'nul\0byte',
    '`backtick` "double"',
    'ünïcødé ✓ 𝔸 😀',
    '%s %d {x:String}',
    '',
  ];

  it.each(nasty.map((v) => [JSON.stringify(v), v] as const))('string %s', async (_, value) => {
    const query = sql`SELECT ${string(value)} AS v`.text;
    for (const session of [old.session, current]) {
      expect(await session.query(query)).toEqual([{ v: value }]);
    }
  });

  it('numbers, 64-bit integers, dates and instants', async () => {
    const query =
      sql`SELECT ${number(-0.1)} AS n, ${integer('18446744073709551615')} AS big, ${integer(-42)} AS neg,
      ${date('2024-02-29')} AS d, ${dateTime(Date.UTC(2025, 2, 14, 13, 0, 9))} AS t, ${boolean(true)} AS b`
        .text;
    const expected = [
      { n: -0.1, big: '18446744073709551615', neg: -42, d: '2024-02-29', t: '2025-03-14 13:00:09', b: 1 },
    ];
    for (const session of [old.session, current]) expect(await session.query(query)).toEqual(expected);
  });
});
