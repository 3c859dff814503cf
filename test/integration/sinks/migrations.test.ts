import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpSession } from '../../../sinks/clickhouse/http-session.ts';
import { MigrationError, migrate } from '../../../sinks/schema/migrate.ts';
import { loadMigrations } from '../../../sinks/schema/migration-files.ts';
import { DERIVED_TABLES, SCHEMA_MIGRATIONS, TABLES, VIEWS } from '../../../sinks/schema/names.ts';
import type { SqlSession } from '../../../sinks/schema/sql-session.ts';
import { parseAddColumns } from '../../../sinks/schema/table-ddl.ts';
import { identifier, sql } from '../../../sinks/sql/literals.ts';
import { REPO_ROOT, tsxLoaderUrl } from '../../../stack/paths.ts';
import { analystDataset, insertStatements } from '../../support/analyst-dataset.ts';
import { createTestDatabase, type TestDatabase } from '../../support/clickhouse.ts';
import { uniqueTableName } from '../../support/names.ts';
import { type PrivateClickhouse, startPrivateClickhouse } from '../../support/private-clickhouse.ts';

const databases: TestDatabase[] = [];
let fresh: PrivateClickhouse | undefined;

afterAll(async () => {
  for (const db of databases) await db.drop();
  await fresh?.destroy();
});

/** `npm run db:migrate` as an operator runs it, on the given server and database. */
function dbMigrate(url: string, database: string): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', tsxLoaderUrl(), path.join(REPO_ROOT, 'bin/db-migrate.ts')],
    {
      env: { ...process.env, CLICKHOUSE_URL: url, CLICKHOUSE_DATABASE: database },
      encoding: 'utf8',
    },
  );
  return { status: result.status, output: result.stdout + result.stderr };
}

async function schema(session: SqlSession): Promise<string[]> {
  const names = [
    SCHEMA_MIGRATIONS,
    ...Object.values(TABLES),
    ...Object.values(DERIVED_TABLES),
    ...Object.values(VIEWS),
  ];
  const statements = [];
  for (const name of names) {
    const [row] = await session.query<{ statement: string }>(sql`SHOW CREATE TABLE ${identifier(name)}`.text);
    statements.push(row!.statement);
  }
  return statements;
}

describe('migrations', () => {
  it('bring a fresh server to the latest version, and a second run changes nothing', async () => {
    fresh = await startPrivateClickhouse();
    const database = uniqueTableName('fresh');
    const first = dbMigrate(fresh.url, database);
    expect(first.output).toContain(`${database} at migration ${loadMigrations().length}: applied 1, 2,`);
    expect(first.status).toBe(0);
    const onFresh = createHttpSession({ url: fresh.url, database });
    try {
      const before = await schema(onFresh);
      const recorded = await onFresh.query(`SELECT * FROM ${SCHEMA_MIGRATIONS} ORDER BY version`);
      const second = dbMigrate(fresh.url, database);
      expect(second.output).toContain('nothing to apply');
      expect(second.status).toBe(0);
      expect(await schema(onFresh)).toEqual(before);
      expect(await onFresh.query(`SELECT * FROM ${SCHEMA_MIGRATIONS} ORDER BY version`)).toEqual(recorded);
      expect(recorded).toHaveLength(loadMigrations().length);
    } finally {
      await onFresh.close();
    }
  });

  it('finish a migration that was interrupted half-way (its statements are idempotent)', async () => {
    const db = await createTestDatabase('half_migrated', { migrated: false });
    databases.push(db);
    const [firstMigration] = loadMigrations();
    await db.session.command(firstMigration!.statements[0]!);
    const report = await migrate(db.session);
    expect(report.applied).toEqual(loadMigrations().map((m) => m.version));
  });

  it('bring a database of an earlier release, with rows, forward: old rows keep defaults, the copy is filled', async () => {
    const db = await createTestDatabase('earlier_release', { migrated: false });
    databases.push(db);
    const migrations = loadMigrations();
    const earlier = migrations.filter((m) => m.version <= 9);
    await migrate(db.session, { migrations: earlier });
    // Rows as the sink of that release wrote them: without the columns the contracts gained since.
    const dataset = analystDataset(Date.UTC(2026, 3, 30));
    const gained = new Set(
      migrations
        .filter((m) => m.version > 9)
        .flatMap((m) => m.statements.flatMap((st) => parseAddColumns(st)?.columns.map((c) => c.name) ?? [])),
    );
    const older = new Map(
      [...dataset].map(([table, rows]) => [
        table,
        rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !gained.has(column)))),
      ]),
    );
    for (const statement of insertStatements(older)) await db.session.command(statement);

    const report = await migrate(db.session);
    expect(report.applied).toEqual(migrations.filter((m) => m.version > 9).map((m) => m.version));
    const [dip] = await db.session.query<{ withdrawn: number; n: string }>(
      'SELECT max(withdrawn) AS withdrawn, count() AS n FROM dip_analysis_latest',
    );
    expect(dip).toEqual({
      withdrawn: 0,
      n: String(new Set(dataset.get(TABLES.dipAnalysisLog)!.map((r) => r.analysis_id)).size),
    });
    const [cycle] = await db.session.query<Record<string, unknown>>(
      'SELECT tracker_median_return_30d_pct, tracker_quintiles, dip_settled_buy_more FROM learning_cycles_latest',
    );
    expect(cycle).toEqual({
      tracker_median_return_30d_pct: null,
      tracker_quintiles: [],
      dip_settled_buy_more: null,
    });
    const [health] = await db.session.query<Record<string, unknown>>(
      'SELECT recommendations, baseline_measures FROM pipeline_health_latest LIMIT 1',
    );
    expect(health).toEqual({ recommendations: [], baseline_measures: [] });
    expect(await db.session.query('SELECT DISTINCT reason FROM parameters_current')).toEqual([
      { reason: null },
    ]);
    // The discovery-time copy holds the rows written before it existed, and those written after.
    const count = async () =>
      (
        await db.session.query<{ n: string }>(
          `SELECT count() AS n FROM ${DERIVED_TABLES.recommendationTrackingByDiscovery} FINAL`,
        )
      )[0]!.n;
    const ids = new Set(dataset.get(TABLES.recommendationTracking)!.map((r) => r.tracking_id)).size;
    expect(await count()).toBe(String(ids));
    const [later] = insertStatements(
      new Map([
        [
          TABLES.recommendationTracking,
          [{ ...dataset.get(TABLES.recommendationTracking)![0]!, tracking_id: 'run-9:NEW' }],
        ],
      ]),
    );
    await db.session.command(later!);
    expect(await count()).toBe(String(ids + 1));
  });

  it('finish a migration interrupted after some of the columns it adds', async () => {
    const db = await createTestDatabase('half_altered', { migrated: false });
    databases.push(db);
    const migrations = loadMigrations();
    await migrate(db.session, { migrations: migrations.filter((m) => m.version <= 11) });
    // As if 0012 had added its first column when the process died.
    await db.session.command(
      'ALTER TABLE learning_cycles ADD COLUMN tracker_return_sample_size Nullable(UInt64)',
    );
    const report = await migrate(db.session);
    expect(report.applied[0]).toBe(12);
    const columns = await db.session.query<{ name: string }>(
      "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'learning_cycles' AND name LIKE 'tracker_%'",
    );
    expect(columns.map((c) => c.name)).toContain('tracker_vigl_ic');
  });

  it('refuse a database whose applied migration was edited since', async () => {
    const db = await createTestDatabase('edited');
    databases.push(db);
    const migrations = loadMigrations();
    const edited = migrations.map((m, i) => (i === 2 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(migrate(db.session, { migrations: edited })).rejects.toThrowError(MigrationError);
    await expect(migrate(db.session, { migrations: edited })).rejects.toThrowError(
      /changed after it was applied/,
    );
  });

  it('refuse a database migrated by a newer release', async () => {
    const db = await createTestDatabase('newer');
    databases.push(db);
    await db.session.command(
      `INSERT INTO ${SCHEMA_MIGRATIONS} (version, name, checksum, applied_at) VALUES (999, 'future', 'x', now())`,
    );
    await expect(migrate(db.session)).rejects.toThrowError(/newer release/);
  });
});
