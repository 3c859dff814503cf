/**
 * Applies the versioned migrations a database lacks, in order, and records
 * each in `schema_migrations`. Statements are idempotent, so a migration
 * interrupted half-way is simply applied again (ClickHouse has no
 * transactional DDL): CREATE ... IF NOT EXISTS, DROP ... IF EXISTS, an INSERT
 * into a ReplacingMergeTree (a row stored twice is folded like any re-insert),
 * and ALTER TABLE ... ADD COLUMN, of which only the columns the table lacks
 * are added (18.16 has no IF NOT EXISTS for columns). Running it again
 * changes nothing.
 */
import { dateTime, identifier, integer, sql, string } from '../sql/literals.ts';
import { loadMigrations, type Migration } from './migration-files.ts';
import { SCHEMA_MIGRATIONS } from './names.ts';
import type { SqlSession } from './sql-session.ts';
import { addColumnsStatement, parseAddColumns } from './table-ddl.ts';

/** The database is not in a state this code can work with; retrying will not help. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly retriable = false;
}

export interface MigrationReport {
  readonly database: string;
  readonly applied: readonly number[];
  readonly alreadyApplied: readonly number[];
  /** The database's version afterwards. */
  readonly version: number;
}

const CREATE_SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS ${SCHEMA_MIGRATIONS}
(
    version UInt32,
    name String,
    checksum String,
    applied_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version`;

interface AppliedRow {
  readonly version: number | string;
  readonly name: string;
  readonly checksum: string;
}

/** Versions recorded in the database, checked against the migrations this code carries. */
async function appliedVersions(session: SqlSession, migrations: readonly Migration[]): Promise<Set<number>> {
  const rows = await session.query<AppliedRow>(
    `SELECT version, any(name) AS name, any(checksum) AS checksum FROM ${SCHEMA_MIGRATIONS} GROUP BY version`,
  );
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of rows) {
    const version = Number(row.version);
    const migration = known.get(version);
    if (migration === undefined) {
      throw new MigrationError(
        `database ${session.database} has migration ${version} (${row.name}), which this code does not know: ` +
          'it was migrated by a newer release; run that release or restore the database',
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${version} (${migration.name}) was changed after it was applied to ${session.database}; ` +
          'applied migrations are immutable: add a new migration instead',
      );
    }
  }
  return new Set(rows.map((row) => Number(row.version)));
}

/** The statement as it must run on this database now: an ALTER reduced to the columns missing, or nothing. */
async function pending(session: SqlSession, statement: string): Promise<string | undefined> {
  const added = parseAddColumns(statement);
  if (!added) return statement;
  const rows = await session.query<{ name: string }>(
    sql`SELECT name FROM system.columns WHERE database = currentDatabase() AND table = ${string(added.table)}`
      .text,
  );
  const present = new Set(rows.map((row) => row.name));
  const missing = added.columns.filter((column) => !present.has(column.name));
  return missing.length === 0 ? undefined : addColumnsStatement({ ...added, columns: missing });
}

export async function migrate(
  session: SqlSession,
  options: { migrations?: readonly Migration[]; clock?: () => number } = {},
): Promise<MigrationReport> {
  const migrations = options.migrations ?? loadMigrations();
  const clock = options.clock ?? Date.now;
  await session.command(CREATE_SCHEMA_MIGRATIONS);
  const done = await appliedVersions(session, migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements) {
      const now = await pending(session, statement);
      if (now !== undefined) await session.command(now);
    }
    const record = sql`(${integer(migration.version)}, ${string(migration.name)}, ${string(migration.checksum)}, ${dateTime(clock())})`;
    await session.command(
      sql`INSERT INTO ${identifier(SCHEMA_MIGRATIONS)} (version, name, checksum, applied_at) VALUES ${record}`
        .text,
    );
    applied.push(migration.version);
  }
  return {
    database: session.database,
    applied,
    alreadyApplied: [...done].sort((a, b) => a - b),
    version: migrations.at(-1)?.version ?? 0,
  };
}
