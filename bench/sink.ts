/**
 * The ClickHouse sink's throughput against the raw insert rate of the same
 * rows with @clickhouse/client, measured in one run on one machine so the
 * ratio means something even where absolute numbers do not.
 *
 *   npm run bench:sink [-- --records 1000000 --batch 20000]
 *
 * raw:  the outcome rows, already built in memory, inserted as JSONEachRow in
 *       batches of --batch rows, one insert after another; only the inserts
 *       are timed.
 * sink: the same records as Avro on a 3-partition topic, read by the sink
 *       (decode, rules, rows, batches, inserts, offset commits) from joining
 *       its group until every offset is committed.
 *
 * Needs Kafka, the registry and ClickHouse (the local stack, or the endpoint
 * variables). Writes its table to bench/results/sink.txt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints } from '../config/endpoints.ts';
import { TOPICS } from '../schemas/topics.ts';
import { rowsOf } from '../sinks/mapping/routes.ts';
import { TABLES } from '../sinks/schema/names.ts';
import { createClickhouseWriter } from '../sinks/writer/clickhouse-writer.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { createHttpRegistryClient, createSerde } from '../streams/serde/index.ts';
import { createTestDatabase } from '../test/support/clickhouse.ts';
import { createTopics } from '../test/support/kafka.ts';
import { generatedOutcome } from '../test/support/outcome-records.ts';
import { newSinkRun, produceRecords, testSink, waitForSinkCommitted } from '../test/support/sink-run.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '20000' },
  },
});
const records = Number(values.records);
const batchRows = Number(values.batch);
const VERSIONS = 2;

const endpoints = loadEndpoints();
const kafka = new Kafka({
  clientId: 'amc-bench-sink',
  brokers: [...endpoints.kafkaBrokers],
  logLevel: logLevel.ERROR,
  logCreator: runtimeLogCreator,
});
const serde = createSerde({ registry: createHttpRegistryClient({ url: endpoints.schemaRegistryUrl }) });

/** Record i of the run: ids with two versions each, so restatements are part of the load. */
const outcomeAt = (i: number) => generatedOutcome(Math.floor(i / VERSIONS), (i % VERSIONS) + 1, VERSIONS);

let peakRss = process.memoryUsage().rss;
const rssProbe = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function produceAll(topic: string): Promise<void> {
  await createTopics(kafka, [topic], { partitions: 3 });
  const chunk = 20_000;
  for (let start = 0; start < records; start += chunk) {
    const slice = [];
    for (let i = start; i < Math.min(records, start + chunk); i++) {
      const value = outcomeAt(i);
      slice.push({ key: value.tracking_id, value });
    }
    await produceRecords(kafka, serde, topic, TOPICS.recommendationOutcomes.name, slice);
  }
}

async function rawInsertRate(): Promise<{ rate: number; ms: number }> {
  const db = await createTestDatabase('bench_raw');
  const writer = createClickhouseWriter(db.target);
  let insertMs = 0;
  try {
    for (let start = 0; start < records; start += batchRows) {
      const rows = [];
      for (let i = start; i < Math.min(records, start + batchRows); i++) {
        rows.push(
          rowsOf(TOPICS.recommendationOutcomes.name, outcomeAt(i), { partition: 0, offset: String(i) })[0]!
            .row,
        );
      }
      const began = performance.now();
      await writer.insert(TABLES.recommendationTracking, rows);
      insertMs += performance.now() - began;
    }
    await checkCount(db.session, 'raw');
  } finally {
    await writer.close();
    await db.drop();
  }
  return { rate: (records / insertMs) * 1000, ms: insertMs };
}

async function sinkRate(): Promise<{ rate: number; ms: number; flushes: number; meanFlushMs: number }> {
  const run = newSinkRun('bench-sink');
  const db = await createTestDatabase('bench_sink');
  await produceAll(run.topics[TOPICS.recommendationOutcomes.name]);
  const sink = testSink(kafka, serde, run, db, {
    batchRows,
    batchAgeMs: 1000,
    maxBufferedRecords: batchRows * 3,
  });
  try {
    const began = performance.now();
    await sink.start();
    await waitForSinkCommitted(kafka, run, 1_800_000);
    const ms = performance.now() - began;
    await checkCount(db.session, 'sink');
    const m = sink.metrics.snapshot();
    return { rate: (records / ms) * 1000, ms, flushes: m.flushes, meanFlushMs: 0 };
  } finally {
    await sink.stop();
    await db.drop();
  }
}

async function checkCount(
  session: { query: (q: string) => Promise<unknown[]> },
  what: string,
): Promise<void> {
  const [row] = (await session.query(`SELECT count() AS n FROM ${TABLES.recommendationTracking} FINAL`)) as {
    n: string;
  }[];
  if (Number(row?.n) !== records) throw new Error(`${what}: ${row?.n} rows under FINAL, expected ${records}`);
}

const raw = await rawInsertRate();
const sink = await sinkRate();
clearInterval(rssProbe);
const ratio = sink.rate / raw.rate;
const lines = [
  `sink benchmark: ${records} outcome records (${records / VERSIONS} ids x ${VERSIONS} versions), batches of ${batchRows}, node ${process.version}, ${new Date().toISOString()}`,
  '',
  'path                                                  records/s  seconds  ratio-to-raw',
  `raw @clickhouse/client insert, rows from memory      ${raw.rate.toFixed(0).padStart(9)}  ${(raw.ms / 1000).toFixed(1).padStart(7)}          1.00`,
  `sink: Kafka (Avro, 3 partitions) -> ClickHouse       ${sink.rate.toFixed(0).padStart(9)}  ${(sink.ms / 1000).toFixed(1).padStart(7)}  ${ratio.toFixed(2).padStart(12)}`,
  '',
  `sink flushes: ${sink.flushes}; goal: at least 0.50 of raw -> ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
  `peak RSS of this process (the sink ran in it): ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
];
const text = `${lines.join('\n')}\n`;
console.log(text);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/sink.txt', import.meta.url), text);
process.exit(0);
