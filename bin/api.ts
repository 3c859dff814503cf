/**
 * The HTTP API alone, on the configured Kafka, registry and ClickHouse (none
 * configured: the local stack, brought up first). Listens on the `api`
 * section's host and port (127.0.0.1:3000). SIGTERM or SIGINT stops it.
 */
import { startApi } from '../api/server.ts';
import { connect, invoke, localStackIfMeant, runService, stopOnSignals } from './service.ts';

const USAGE = `usage: npm run api -- [--print-config]
  Serves the HTTP API until SIGINT or SIGTERM.
  --print-config  print the configuration in force, with where each value came from, and exit
  configuration: AMC_CONFIG names a JSON or YAML file (config/amc-learning.schema.json: endpoints, job, sink.database, api);
  the environment overrides it (AMC_API_*, CLICKHOUSE_DATABASE, ...); see README`;

async function main(): Promise<number | undefined> {
  const invocation = invoke({ name: 'amc-learning api', usage: USAGE });
  if (typeof invocation === 'number') return invocation;
  const { settings, log } = invocation;
  await localStackIfMeant(settings, log);
  const { kafka, serde } = connect(settings, `${settings.job.applicationId}-api`);
  const { api: config, endpoints, job } = settings;
  const server = await startApi({ config, endpoints, job, kafka, serde });
  log(
    `listening on ${server.url} (OpenAPI at ${server.url}/docs); mutations ${config.token ? 'enabled' : 'disabled: no token (AMC_API_TOKEN or api.token) is set'}`,
  );
  stopOnSignals(() => server.stop(), log);
  return undefined;
}

runService('amc-learning api', main);
