/**
 * Applies the ClickHouse migrations the configured database lacks (creating
 * the database if needed) and says where it stands. Safe to run any number of
 * times. With no endpoint variables set it works on the local stack.
 */
import { loadEndpoints, usesLocalStack } from '../config/endpoints.ts';
import { ensureDatabase } from '../sinks/clickhouse/client.ts';
import { createHttpSession } from '../sinks/clickhouse/http-session.ts';
import { loadSinkConfig } from '../sinks/config.ts';
import { migrate } from '../sinks/schema/migrate.ts';
import { StackError } from '../stack/process.ts';
import { stackUp } from '../stack/stack.ts';

async function main(): Promise<void> {
  const endpoints = loadEndpoints();
  const config = loadSinkConfig();
  if (usesLocalStack()) await stackUp();
  const target = { url: endpoints.clickhouseUrl, database: config.database };
  await ensureDatabase(target);
  const session = createHttpSession(target);
  try {
    const report = await migrate(session);
    const applied = report.applied.length > 0 ? `applied ${report.applied.join(', ')}` : 'nothing to apply';
    console.log(`[db:migrate] ${report.database} at migration ${report.version}: ${applied}`);
  } finally {
    await session.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `[db:migrate] ${err.message}` : err);
  if (!(err instanceof StackError) && err instanceof Error && err.stack) console.error(err.stack);
  process.exit(1);
});
