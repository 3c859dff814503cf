/**
 * The reference processor as a process of its own, so tests and the benchmark
 * can kill it (kill -9 included) and start it again. Configured by env:
 * REF_APP_ID, REF_INPUT, REF_OUTPUT, REF_DLQ, REF_WINDOW_MS, REF_GRACE_MS,
 * REF_TXN_RECORDS, REF_SESSION_TIMEOUT_MS, and KAFKA_BROKERS.
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints } from '../../config/endpoints.ts';
import { runtimeLogCreator } from '../runtime/kafka-logging.ts';
import { StreamRuntime } from '../runtime/runtime.ts';
import { countProcessor, referenceCodec } from './count-processor.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const numberOr = (name: string, fallback: number) =>
  process.env[name] ? Number(process.env[name]) : fallback;

const kafka = new Kafka({
  clientId: `${required('REF_APP_ID')}-${process.pid}`,
  brokers: [...loadEndpoints().kafkaBrokers],
  logLevel: logLevel.ERROR,
  logCreator: runtimeLogCreator,
});

const runtime = new StreamRuntime({
  kafka,
  definition: countProcessor({
    applicationId: required('REF_APP_ID'),
    inputTopic: required('REF_INPUT'),
    outputTopic: required('REF_OUTPUT'),
    windowMs: numberOr('REF_WINDOW_MS', 1000),
    graceMs: numberOr('REF_GRACE_MS', 500),
  }),
  codec: referenceCodec,
  deadLetterTopic: required('REF_DLQ'),
  maxRecordsPerTransaction: numberOr('REF_TXN_RECORDS', 500),
  sessionTimeoutMs: numberOr('REF_SESSION_TIMEOUT_MS', 10_000),
});

for (const event of ['restore', 'abort', 'task.closed', 'crash', 'rebalance'] as const) {
  runtime.events.on(event, (payload: unknown) =>
    console.log(JSON.stringify({ event, ...(payload as object) })),
  );
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await runtime.start();
console.log(JSON.stringify({ event: 'started', pid: process.pid }));
runtime.done.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
