/**
 * The main job: the recommendation tracker, the discovery monitor, the
 * buy-the-dip validator, the learning coordinator and the alerts stream,
 * each behind its switch,
 * exactly once, and the ClickHouse sink beside them, on the configured
 * Kafka, registry and ClickHouse. With no
 * endpoint configured it runs on the local stack, which it brings up first.
 * SIGTERM or SIGINT stops it gracefully (open transactions commit or abort,
 * the consumer groups are left).
 */
import { Kafka, logLevel } from 'kafkajs';
import { parseFlags } from '../config/cli-flags.ts';
import { ConfigError } from '../config/endpoints.ts';
import { identitiesOf } from '../config/identity.ts';
import { formatSettings } from '../config/print-config.ts';
import { loadSettings } from '../config/settings.ts';
import { type SinkApp, sinkApp } from '../sinks/app.ts';
import { loadSinkConfig } from '../sinks/config.ts';
import { logSinkEvents } from '../sinks/log-events.ts';
import { StackError } from '../stack/process.ts';
import { formatStatus, stackStatus, stackUp } from '../stack/stack.ts';
import { ConfigIdentityError, settleIdentities } from '../streams/app/identity-store.ts';
import { learningApps } from '../streams/app/learning-apps.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { createHttpRegistryClient, createSerde } from '../streams/serde/index.ts';

const USAGE = `usage: npm start -- [--print-config] [--reset-state]
  --print-config  print the configuration in force, with where each value came from, and exit
  --reset-state   rebuild the state of processors whose rules changed (otherwise such a start is refused)
  configuration: AMC_CONFIG names a JSON or YAML file (config/amc-learning.schema.json); see README`;

const log = (message: string) => console.log(`[amc-learning] ${message}`);

async function main(): Promise<number | undefined> {
  const flags = parseFlags(process.argv.slice(2), {
    values: [],
    switches: ['--print-config', '--reset-state'],
  });
  if (!flags.ok) {
    if (flags.help) console.log(USAGE);
    else console.error(`${flags.message}\n${USAGE}`);
    return flags.help ? 0 : 2;
  }
  const settings = loadSettings();
  if (flags.switches.has('--print-config')) {
    console.log(formatSettings(settings));
    return 0;
  }
  const { switches, job, endpoints } = settings;
  if (settings.usesLocalStack) {
    const { started } = await stackUp();
    log(started.length > 0 ? `local stack started: ${started.join(', ')}` : 'local stack already up');
    console.log(formatStatus(await stackStatus()));
  }
  const parts = [switches.tracker, switches.monitor, switches.dips, switches.coordinator, switches.sinks];
  if (!switches.learning || !parts.some(Boolean)) {
    log(
      'nothing switched on (AMC_LEARNING_ENABLED, AMC_LEARNING_TRACKER_ENABLED, AMC_LEARNING_MONITOR_ENABLED, ' +
        'AMC_LEARNING_DIPS_ENABLED, AMC_LEARNING_COORDINATOR_ENABLED, AMC_LEARNING_SINKS_ENABLED): nothing to run',
    );
    return undefined;
  }
  const kafka = new Kafka({
    clientId: job.applicationId,
    brokers: [...endpoints.kafkaBrokers],
    logLevel: logLevel.WARN,
    logCreator: runtimeLogCreator,
  });
  const epochs = await settleIdentities({
    kafka,
    applicationId: job.applicationId,
    identities: identitiesOf(settings),
    resetState: flags.switches.has('--reset-state'),
    log,
  });
  const serde = createSerde({ registry: createHttpRegistryClient({ url: endpoints.schemaRegistryUrl }) });
  const apps = learningApps({ kafka, serde, settings, epochs });
  const runtimes = apps.flatMap((app) => app.runtimes);
  const sink: SinkApp | undefined = switches.sinks
    ? sinkApp({ kafka, serde, clickhouseUrl: endpoints.clickhouseUrl, job, config: loadSinkConfig() })
    : undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    (async () => {
      await sink?.stop();
      for (const app of [...apps].reverse()) await app.stop();
    })().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (const runtime of runtimes) {
    runtime.events.onEvent('restore', (e) =>
      log(
        `${runtime.applicationId} ${e.topic}/${e.partition}: restored ${e.records} records in ${e.durationMs} ms`,
      ),
    );
    runtime.events.onEvent('crash', (e) => log(`${runtime.applicationId} crashed: ${e.error}`));
    runtime.events.onEvent('abort', (e) =>
      log(
        `${runtime.applicationId} ${e.topic}/${e.partition}: transaction aborted (${e.errorClass}): ${e.reason}`,
      ),
    );
    runtime.events.onEvent('task.closed', (e) =>
      log(`${runtime.applicationId} ${e.topic}/${e.partition}: task closed, ${e.why}`),
    );
    runtime.done.catch(() => stop('fatal error'));
  }
  for (const app of apps) await app.start();
  if (sink) {
    logSinkEvents(sink.sink.events, (line) => log(`sink: ${line}`));
    sink.sink.done.catch(() => stop('sink failed'));
    const migrations = await sink.start();
    if (migrations) log(`sink: database ${migrations.database} at migration ${migrations.version}`);
  }
  const on = (flag: boolean) => (flag ? 'on' : 'off');
  log(
    `running: tracker ${on(switches.tracker)}, monitor ${on(switches.monitor)}, dips ${on(switches.dips)}, ` +
      `coordinator ${on(switches.coordinator)} (auto-apply ${on(switches.autoApply)}), ` +
      `alerts ${on(switches.alerts)}, sinks ${on(switches.sinks)}; ${runtimes.map((r) => r.applicationId).join(', ')}`,
  );
  return undefined;
}

/** Errors an operator can fix: said plainly, without a stack trace, and nothing starts. */
const OPERATOR_ERRORS = [StackError, ConfigError, ConfigIdentityError];

main().then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err: unknown) => {
    const known = OPERATOR_ERRORS.some((kind) => err instanceof kind);
    console.error(known ? `[amc-learning] ${(err as Error).message}` : err);
    process.exit(known && !(err instanceof StackError) ? 2 : 1);
  },
);
