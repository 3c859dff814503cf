/**
 * The main job: the recommendation tracker and the alerts stream, and the
 * learning coordinator, each behind its switch, exactly once, on the
 * configured Kafka, registry and ClickHouse. With no endpoint
 * configured it runs on the local stack, which it brings up first.
 * SIGTERM or SIGINT stops it gracefully (open transactions commit or abort,
 * the consumer groups are left).
 */
import { Kafka, logLevel } from 'kafkajs';
import { parseFlags } from '../config/cli-flags.ts';
import { ConfigError } from '../config/endpoints.ts';
import { identitiesOf } from '../config/identity.ts';
import { formatSettings } from '../config/print-config.ts';
import { loadSettings } from '../config/settings.ts';
import { StackError } from '../stack/process.ts';
import { formatStatus, stackStatus, stackUp } from '../stack/stack.ts';
import { ConfigIdentityError, settleIdentities, VERSIONS_PER_EPOCH } from '../streams/app/identity-store.ts';
import { learningTopicsFor, trackerTopicsFor } from '../streams/app/job-config.ts';
import { learningApp } from '../streams/app/learning-app.ts';
import { trackerApp } from '../streams/app/tracker-app.ts';
import { createLearningConfig } from '../streams/learning/domain/index.ts';
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
  if (!switches.tracker && !switches.coordinator) {
    log(
      'everything switched off (AMC_LEARNING_ENABLED, AMC_LEARNING_TRACKER_ENABLED, ' +
        'AMC_LEARNING_COORDINATOR_ENABLED): nothing to run',
    );
    return undefined;
  }
  // Validated before anything starts: a bad threshold stops the job here, by name.
  const learningConfig = createLearningConfig({ autoApply: switches.autoApply });
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
  const common = {
    kafka,
    serde,
    applicationPrefix: job.applicationId,
    partitions: job.partitions,
    sessionTimeoutMs: job.sessionTimeoutMs,
    maxRecordsPerTransaction: job.maxRecordsPerTransaction,
  };
  const apps = [
    ...(switches.tracker
      ? [
          trackerApp({
            ...common,
            topics: trackerTopicsFor(job),
            trackerConfig: settings.tracker,
            calendar: settings.calendar,
            barRetentionDays: settings.trackerRetention.barRetentionDays,
            restateForDays: settings.trackerRetention.restateForDays,
            outcomeVersionBase: (epochs.get(`${job.applicationId}-tracker`) ?? 0) * VERSIONS_PER_EPOCH,
            alertsConfig: settings.alerts,
            alertsEnabled: switches.alerts,
          }),
        ]
      : []),
    ...(switches.coordinator
      ? [
          learningApp({
            ...common,
            topics: learningTopicsFor(job),
            config: learningConfig,
            exchangeTimeZone: settings.calendar.timeZone,
            // The monitor and the dip validator have no switches of their own yet: their metrics are always stated.
            agents: { tracker: switches.tracker, monitor: true, dipValidator: true },
          }),
        ]
      : []),
  ];
  const app = {
    runtimes: apps.flatMap((a) => a.runtimes),
    start: async () => {
      for (const a of apps) await a.start();
    },
    stop: async () => {
      for (const a of [...apps].reverse()) await a.stop();
    },
  };
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (const runtime of app.runtimes) {
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
  await app.start();
  log(
    `running: tracker ${switches.tracker ? 'on' : 'off'}, alerts ${switches.alerts ? 'on' : 'off'}, ` +
      `coordinator ${switches.coordinator ? 'on' : 'off'} (auto-apply ${switches.autoApply ? 'on' : 'off'}); ` +
      `${app.runtimes.length} processors, application id ${job.applicationId}`,
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
