/**
 * Exactly-once throughput of the stream runtime against the raw kafkajs
 * consume rate of the same topic, measured in one run on one machine so the
 * ratio means something even where absolute numbers do not.
 *
 *   npm run bench:runtime [-- --records 200000 --partitions 3 --txn 100,500,2000]
 *
 * Needs Kafka (the local stack, or KAFKA_BROKERS).
 */
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { loadEndpoints } from '../config/endpoints.ts';
import { countProcessor, referenceCodec } from '../streams/reference/count-processor.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { StreamRuntime } from '../streams/runtime/runtime.ts';
import { createTopics } from '../test/support/kafka.ts';
import { uniqueName } from '../test/support/names.ts';
import { produceInput } from '../test/support/reference-run.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    partitions: { type: 'string', default: '3' },
    txn: { type: 'string', default: '100,500,2000' },
  },
});
const records = Number(values.records);
const partitions = Number(values.partitions);
const txnSizes = values.txn.split(',').map(Number);

const kafka = new Kafka({
  clientId: 'amc-bench',
  brokers: [...loadEndpoints().kafkaBrokers],
  logLevel: logLevel.ERROR,
  logCreator: runtimeLogCreator,
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
let peakRss = process.memoryUsage().rss;
const rssProbe = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function rawConsumeRate(topic: string): Promise<number> {
  // Timed like the runtime below: from joining the group to the last record.
  const consumer = kafka.consumer({ groupId: uniqueName('bench-raw'), maxWaitTimeInMs: 100 });
  let seen = 0;
  const began = performance.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) if (m.value) seen++;
        if (seen >= records) resolve(performance.now() - began);
      },
    });
  });
  const ms = await done;
  await consumer.disconnect();
  return (records / ms) * 1000;
}

/** Consume and produce one output per record, no transactions: what kafkajs alone costs. */
async function consumeProduceRate(topic: string): Promise<number> {
  const output = uniqueName('bench-copy');
  await createTopics(kafka, [output], { partitions });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: uniqueName('bench-copy'), maxWaitTimeInMs: 100 });
  const began = performance.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      partitionsConsumedConcurrently: partitions,
      eachBatch: async ({ batch }) => {
        const messages = batch.messages.map((m) => ({
          key: m.key,
          value: JSON.stringify({ offset: m.offset, value: JSON.parse(m.value?.toString() ?? 'null') }),
        }));
        for (let start = 0; start < messages.length; start += 1000) {
          await producer.send({ topic: output, messages: messages.slice(start, start + 1000) });
        }
        seen += messages.length;
        if (seen >= records) resolve(performance.now() - began);
      },
    });
  });
  const ms = await done;
  await consumer.disconnect();
  await producer.disconnect();
  return (records / ms) * 1000;
}

interface EosResult {
  readonly rate: number;
  readonly commits: number;
  readonly meanCommitMs: number;
  readonly maxCommitMs: number;
  readonly restoreMs: number;
}

async function exactlyOnceRate(input: string, txn: number): Promise<EosResult> {
  const output = uniqueName('bench-out');
  const dlq = uniqueName('bench-dlq');
  await createTopics(kafka, [output], { partitions });
  await createTopics(kafka, [dlq]);
  const runtime = new StreamRuntime({
    kafka,
    definition: countProcessor({
      applicationId: uniqueName('bench-eos'),
      inputTopic: input,
      outputTopic: output,
      windowMs: 1000,
      graceMs: 500,
    }),
    codec: referenceCodec,
    deadLetterTopic: dlq,
    maxRecordsPerTransaction: txn,
    partitionsConsumedConcurrently: partitions,
  });
  let processed = 0;
  let restoreMs = 0;
  runtime.events.onEvent('restore', (e) => {
    restoreMs = Math.max(restoreMs, e.durationMs);
  });
  const done = new Promise<number>((resolve) => {
    runtime.events.onEvent('commit', (e) => {
      processed += e.records;
      if (processed >= records) resolve(performance.now() - began);
    });
  });
  const began = performance.now();
  await runtime.start();
  const ms = await done;
  const m = runtime.metrics.snapshot();
  await runtime.stop();
  return {
    rate: (records / ms) * 1000,
    commits: m.commits,
    meanCommitMs: m.commitLatencyMs.mean,
    maxCommitMs: m.commitLatencyMs.max,
    restoreMs,
  };
}

const input = uniqueName('bench-in');
await createTopics(kafka, [input], { partitions });
await produceInput(kafka, input, records);

const raw = await rawConsumeRate(input);
const copy = await consumeProduceRate(input);
const lines = [
  `runtime benchmark: ${records} records, ${partitions} partitions, node ${process.version}, ${new Date().toISOString()}`,
  `raw kafkajs consume (read_committed, no processing): ${raw.toFixed(0)} records/s`,
  `kafkajs consume + produce one output each, no transactions: ${copy.toFixed(0)} records/s (${(copy / raw).toFixed(2)} of raw)`,
  '',
  'records/txn  records/s  ratio-to-raw  commits  mean-commit-ms  max-commit-ms',
];
for (const txn of txnSizes) {
  const r = await exactlyOnceRate(input, txn);
  lines.push(
    [
      String(txn).padStart(11),
      r.rate.toFixed(0).padStart(10),
      (r.rate / raw).toFixed(2).padStart(13),
      String(r.commits).padStart(8),
      r.meanCommitMs.toFixed(1).padStart(15),
      r.maxCommitMs.toFixed(0).padStart(14),
    ].join(' '),
  );
}
clearInterval(rssProbe);
lines.push('', `peak RSS of this process: ${mb(peakRss)}`);
console.log(lines.join('\n'));
process.exit(0);
