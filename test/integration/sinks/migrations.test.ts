import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpSession } from '../../../sinks/clickhouse/http-session.ts';
import { MigrationError, migrate } from '../../../sinks/schema/migrate.ts';
import { loadMigrations } from '../../../sinks/schema/migration-files.ts';
import { SCHEMA_MIGRATIONS, TABLES, VIEWS } from '../../../sinks/schema/names.ts';
import type { SqlSession } from '../../../sinks/schema/sql-session.ts';
import { identifier, sql } from '../../../sinks/sql/literals.ts';
import { REPO_ROOT, tsxLoaderUrl } from '../../../stack/paths.ts';
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
  const names = [SCHEMA_MIGRATIONS, ...Object.values(TABLES), ...Object.values(VIEWS)];
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
