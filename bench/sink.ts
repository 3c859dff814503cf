/**
 * The ClickHouse sink's throughput against the raw insert rate of the same
 * rows with @clickhouse/client, measured in one run on one machine so the
 * ratio means something even where absolute numbers do not.
 *
 *   npm run bench:sink [-- --records 1000000 --rounds 4 --batch 20000]
 *
 * The records are split into rounds; each round measures both paths on its
 * share, one right after the other, so that both meet the same load on a
 * shared machine:
 * raw:  the outcome rows, already built in memory, inserted as JSONEachRow in
 *       batches of --batch rows, one insert after another; only the inserts
 *       are timed.
 * sink: the same records as Avro on a 3-partition topic, read by the sink
 *       (decode, rules, rows, batches, inserts, offset commits), timed from
 *       the moment its consumer joined the group until every offset is
 *       committed.
 *
 * Needs Kafka, the registry and ClickHouse (the local stack, or the endpoint
 * variables). Writes its table to bench/results/sink.txt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints } from '../config/endpoints.ts';
import { TOPICS } from '../schemas/topics.ts';
import { rowsOf } from '../sinks/mapping/routes.ts';
import { TABLES } from '../sinks/schema/names.ts';
import type { SqlSession } from '../sinks/schema/sql-session.ts';
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
    rounds: { type: 'string', default: '4' },
    batch: { type: 'string', default: '20000' },
  },
});
const records = Number(values.records);
const rounds = Number(values.rounds);
const batchRows = Number(values.batch);
const perRound = Math.ceil(records / rounds);
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

interface Range {
  readonly from: number;
  readonly to: number;
}

let peakRss = process.memoryUsage().rss;
const rssProbe = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function checkCount(session: SqlSession, what: string, expected: number): Promise<void> {
  const [row] = await session.query<{ n: string }>(
    `SELECT count() AS n FROM ${TABLES.recommendationTracking} FINAL`,
  );
  if (Number(row?.n) !== expected)
    throw new Error(`${what}: ${row?.n} rows under FINAL, expected ${expected}`);
}

async function rawInsertMs({ from, to }: Range): Promise<number> {
  const db = await createTestDatabase('bench_raw');
  const writer = createClickhouseWriter(db.target);
  let insertMs = 0;
  try {
    for (let start = from; start < to; start += batchRows) {
      const rows = [];
      for (let i = start; i < Math.min(to, start + batchRows); i++) {
        const source = { partition: 0, offset: String(i) };
        rows.push(rowsOf(TOPICS.recommendationOutcomes.name, outcomeAt(i), source)[0]!.row);
      }
      const began = performance.now();
      await writer.insert(TABLES.recommendationTracking, rows);
      insertMs += performance.now() - began;
    }
    await checkCount(db.session, 'raw', to - from);
  } finally {
    await writer.close();
    await db.drop();
  }
  return insertMs;
}

async function sinkMs({ from, to }: Range): Promise<{ ms: number; flushes: number }> {
  const run = newSinkRun('bench-sink');
  const db = await createTestDatabase('bench_sink');
  const topic = run.topics[TOPICS.recommendationOutcomes.name];
  await createTopics(kafka, [topic], { partitions: 3 });
  for (let start = from; start < to; start += 20_000) {
    const slice = [];
    for (let i = start; i < Math.min(to, start + 20_000); i++) {
      const value = outcomeAt(i);
      slice.push({ key: value.tracking_id, value });
    }
    await produceRecords(kafka, serde, topic, TOPICS.recommendationOutcomes.name, slice);
  }
  const sink = testSink(kafka, serde, run, db, {
    batchRows,
    batchAgeMs: 1000,
    maxBufferedRecords: batchRows * 3,
  });
  let joined = 0;
  try {
    await sink.start();
    // start() returns once the consumer runs; joining the group and being assigned is not throughput.
    joined = performance.now();
    await waitForSinkCommitted(kafka, run, 1_800_000);
    const ms = performance.now() - joined;
    await checkCount(db.session, 'sink', to - from);
    return { ms, flushes: sink.metrics.snapshot().flushes };
  } finally {
    await sink.stop();
    await db.drop();
  }
}

const lines: string[] = [];
let rawTotal = 0;
let sinkTotal = 0;
let flushes = 0;
for (let r = 0; r < rounds; r++) {
  const range = { from: r * perRound, to: Math.min(records, (r + 1) * perRound) };
  const raw = await rawInsertMs(range);
  const sink = await sinkMs(range);
  rawTotal += raw;
  sinkTotal += sink.ms;
  flushes += sink.flushes;
  const n = range.to - range.from;
  lines.push(
    `round ${r + 1}: ${n} records; raw ${((n / raw) * 1000).toFixed(0)}/s, sink ${((n / sink.ms) * 1000).toFixed(0)}/s ` +
      `(${(raw / sink.ms).toFixed(2)}); load ${loadavg()[0]!.toFixed(1)}`,
  );
}
clearInterval(rssProbe);

const rawRate = (records / rawTotal) * 1000;
const sinkRate = (records / sinkTotal) * 1000;
const ratio = sinkRate / rawRate;
const row = (label: string, rate: number, ms: number, ratioText: string) =>
  `${label.padEnd(52)}${rate.toFixed(0).padStart(10)}  ${(ms / 1000).toFixed(1).padStart(7)}  ${ratioText.padStart(12)}`;
const text = [
  `sink benchmark: ${records} outcome records (${records / VERSIONS} ids x ${VERSIONS} versions) in ${rounds} rounds, ` +
    `batches of ${batchRows}, node ${process.version}, ${new Date().toISOString()}`,
  '',
  `${'path'.padEnd(52)}${'records/s'.padStart(10)}  ${'seconds'.padStart(7)}  ${'ratio-to-raw'.padStart(12)}`,
  row('raw @clickhouse/client insert, rows from memory', rawRate, rawTotal, '1.00'),
  row('sink: Kafka (Avro, 3 partitions) -> ClickHouse', sinkRate, sinkTotal, ratio.toFixed(2)),
  '',
  ...lines,
  '',
  `sink flushes: ${flushes}; goal: at least 0.50 of raw -> ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
  `peak RSS of this process (the sink ran in it): ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
  '',
].join('\n');
console.log(text);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/sink.txt', import.meta.url), text);
process.exit(0);
