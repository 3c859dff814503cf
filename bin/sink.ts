/**
 * The ClickHouse sink alone: every output topic (and discovery runs and alert
 * acknowledgements) into ClickHouse, exactly once per version. With no
 * endpoint configured it runs on the local stack, which it brings up first.
 * SIGTERM or SIGINT stores and commits what it holds, then exits.
 */
import { sinkApp } from '../sinks/app.ts';
import { logSinkEvents } from '../sinks/log-events.ts';
import {
  connect,
  EXIT_FAILED,
  EXIT_OK,
  invoke,
  localStackIfMeant,
  runService,
  stopOnSignals,
} from './service.ts';

const USAGE = `usage: npm run sink -- [--print-config]
  Stores the output topics in ClickHouse until SIGINT or SIGTERM.
  --print-config  print the configuration in force, with where each value came from, and exit
  configuration: AMC_CONFIG names a JSON or YAML file (config/amc-learning.schema.json: endpoints, job, sink);
  the environment overrides it (AMC_SINK_*, CLICKHOUSE_DATABASE, ...); see README`;

async function main(): Promise<number | undefined> {
  const invocation = invoke({ name: 'sink', usage: USAGE });
  if (typeof invocation === 'number') return invocation;
  const { settings, log } = invocation;
  if (!settings.switches.sinks) {
    log('sinks switched off (switches.learning / switches.sinks, or their variables): nothing to run');
    return EXIT_OK;
  }
  await localStackIfMeant(settings, log);
  const { kafka, serde } = connect(settings, `${settings.job.applicationId}-sink`);
  const { endpoints, job, sink: config } = settings;
  const app = sinkApp({ kafka, serde, clickhouseUrl: endpoints.clickhouseUrl, job, config });
  logSinkEvents(app.sink.events, log);
  const stop = stopOnSignals(() => app.stop(), log);
  app.sink.done.catch(() => stop('sink failed', EXIT_FAILED));
  const migrations = await app.start();
  if (migrations) {
    log(
      `database ${migrations.database} at migration ${migrations.version}` +
        (migrations.applied.length > 0 ? ` (applied ${migrations.applied.join(', ')})` : ''),
    );
  }
  return undefined;
}

runService('sink', main);
