/**
 * Applies the ClickHouse migrations the configured database lacks (creating
 * the database if needed) and says where it stands. Safe to run any number of
 * times. With no endpoint configured it works on the local stack.
 */
import { ensureDatabase } from '../sinks/clickhouse/client.ts';
import { createHttpSession } from '../sinks/clickhouse/http-session.ts';
import { migrate } from '../sinks/schema/migrate.ts';
import { EXIT_OK, invoke, localStackIfMeant, runService } from './service.ts';

const USAGE = `usage: npm run db:migrate -- [--print-config]
  Brings the sink's ClickHouse database (sink.database, CLICKHOUSE_DATABASE) to the latest migration.
  --print-config  print the configuration in force, with where each value came from, and exit
  configuration: AMC_CONFIG names a JSON or YAML file (config/amc-learning.schema.json); see README`;

async function main(): Promise<number> {
  const invocation = invoke({ name: 'db:migrate', usage: USAGE });
  if (typeof invocation === 'number') return invocation;
  const { settings, log } = invocation;
  await localStackIfMeant(settings, log);
  const target = { url: settings.endpoints.clickhouseUrl, database: settings.sink.database };
  await ensureDatabase(target);
  const session = createHttpSession(target);
  try {
    const report = await migrate(session);
    const applied = report.applied.length > 0 ? `applied ${report.applied.join(', ')}` : 'nothing to apply';
    log(`${report.database} at migration ${report.version}: ${applied}`);
  } finally {
    await session.close();
  }
  return EXIT_OK;
}

runService('db:migrate', main);
