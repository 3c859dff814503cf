/**
 * The ClickHouse sink alone: every output topic (and discovery runs and alert
 * acknowledgements) into ClickHouse, exactly once per version. With no
 * endpoint variables set it runs on the local stack, which it brings up
 * first. SIGTERM or SIGINT stores and commits what it holds, then exits.
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints, usesLocalStack } from '../config/endpoints.ts';
import { loadSwitches } from '../config/switches.ts';
import { sinkApp } from '../sinks/app.ts';
import { loadSinkConfig } from '../sinks/config.ts';
import { logSinkEvents } from '../sinks/log-events.ts';
import { StackError } from '../stack/process.ts';
import { formatStatus, stackStatus, stackUp } from '../stack/stack.ts';
import { loadJobConfig } from '../streams/app/job-config.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { createHttpRegistryClient, createSerde } from '../streams/serde/index.ts';

const log = (message: string) => console.log(`[sink] ${message}`);

async function main(): Promise<void> {
  const endpoints = loadEndpoints();
  const switches = loadSwitches();
  const job = loadJobConfig();
  const config = loadSinkConfig();
  if (!switches.sinks) {
    log('sinks switched off (AMC_LEARNING_ENABLED / AMC_LEARNING_SINKS_ENABLED): nothing to run');
    return;
  }
  if (usesLocalStack()) {
    const { started } = await stackUp();
    log(started.length > 0 ? `local stack started: ${started.join(', ')}` : 'local stack already up');
    console.log(formatStatus(await stackStatus()));
  }
  const kafka = new Kafka({
    clientId: `${job.applicationId}-sink`,
    brokers: [...endpoints.kafkaBrokers],
    logLevel: logLevel.WARN,
    logCreator: runtimeLogCreator,
  });
  const serde = createSerde({ registry: createHttpRegistryClient({ url: endpoints.schemaRegistryUrl }) });
  const app = sinkApp({ kafka, serde, clickhouseUrl: endpoints.clickhouseUrl, job, config });
  logSinkEvents(app.sink.events, log);
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
  app.sink.done.catch(() => {
    stopping = true;
    process.exit(1);
  });
  const migrations = await app.start();
  if (migrations) {
    log(
      `database ${migrations.database} at migration ${migrations.version}` +
        (migrations.applied.length > 0 ? ` (applied ${migrations.applied.join(', ')})` : ''),
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof StackError ? `[sink] ${err.message}` : err);
  process.exit(1);
});
