import { loadEndpoints } from '../../config/endpoints.ts';
import { type ClickhouseTarget, ensureDatabase } from '../../sinks/clickhouse/client.ts';
import { createHttpSession } from '../../sinks/clickhouse/http-session.ts';
import { migrate } from '../../sinks/schema/migrate.ts';
import type { SqlSession } from '../../sinks/schema/sql-session.ts';
import { identifier, sql } from '../../sinks/sql/literals.ts';
import { uniqueTableName } from './names.ts';

export interface TestDatabase {
  readonly target: ClickhouseTarget;
  readonly session: SqlSession;
  drop(): Promise<void>;
}

/** A database of its own on the test ClickHouse, migrated unless told otherwise. */
export async function createTestDatabase(
  label: string,
  options: { migrated?: boolean; url?: string } = {},
): Promise<TestDatabase> {
  const target = { url: options.url ?? loadEndpoints().clickhouseUrl, database: uniqueTableName(label) };
  await ensureDatabase(target);
  const session = createHttpSession(target);
  if (options.migrated ?? true) await migrate(session);
  return {
    target,
    session,
    async drop() {
      await session.command(sql`DROP DATABASE IF EXISTS ${identifier(target.database)}`.text);
      await session.close();
    },
  };
}
