/**
 * The HTTP API alone, on the configured Kafka, registry and ClickHouse (with
 * no endpoint variables set: the local stack, brought up first). Listens on
 * AMC_API_HOST:AMC_API_PORT (127.0.0.1:3000). SIGTERM or SIGINT stops it.
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadApiConfig } from '../api/config.ts';
import { startApi } from '../api/server.ts';
import { loadEndpoints, usesLocalStack } from '../config/endpoints.ts';
import { StackError } from '../stack/process.ts';
import { stackUp } from '../stack/stack.ts';
import { loadJobConfig } from '../streams/app/job-config.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { createHttpRegistryClient, createSerde } from '../streams/serde/index.ts';

const log = (message: string) => console.log(`[amc-learning api] ${message}`);

async function main(): Promise<void> {
  const endpoints = loadEndpoints();
  const job = loadJobConfig();
  const config = loadApiConfig();
  if (usesLocalStack()) {
    const { started } = await stackUp();
    log(started.length > 0 ? `local stack started: ${started.join(', ')}` : 'local stack already up');
  }
  const kafka = new Kafka({
    clientId: `${job.applicationId}-api`,
    brokers: [...endpoints.kafkaBrokers],
    logLevel: logLevel.WARN,
    logCreator: runtimeLogCreator,
  });
  const serde = createSerde({ registry: createHttpRegistryClient({ url: endpoints.schemaRegistryUrl }) });
  const server = await startApi({ config, endpoints, job, kafka, serde });
  log(
    `listening on ${server.url} (OpenAPI at ${server.url}/docs); mutations ${config.token ? 'enabled' : 'disabled: AMC_API_TOKEN is not set'}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof StackError ? `[amc-learning api] ${err.message}` : err);
  process.exit(1);
});
