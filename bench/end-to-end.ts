/**
 * npm run bench: the whole system on a replayed market, in one run.
 * 1. Replay: a sample market of --symbols × --sessions daily bars (1,000,000
 *    by default) with its runs and positions, published as fast as the
 *    producer goes into the main job (every processor, the sink, the API in
 *    one process); measured until every consumer group has nothing left to
 *    read: the time from the first record produced to the last row stored,
 *    each processor's and the sink's records/s.
 * 2. Steady: --steady-sessions more sessions of bars at --rate bars/s, each
 *    session's run after its bars: end-to-end lag, record produced → row in
 *    ClickHouse, p50/p99.
 * 3. Baselines on the same machine: raw kafkajs consume of the bars and raw
 *    ClickHouse inserts of outcome rows from memory.
 * Prints a table and writes bench/results/end-to-end.json and .txt.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints } from '../config/endpoints.ts';
import { generateSampleMarket } from '../sample/market.ts';
import { sampleOptions } from '../sample/options.ts';
import { TOPICS } from '../schemas/topics.ts';
import { createHttpSession } from '../sinks/clickhouse/http-session.ts';
import { rowsOf } from '../sinks/mapping/routes.ts';
import { TABLES } from '../sinks/schema/names.ts';
import { createClickhouseWriter } from '../sinks/writer/clickhouse-writer.ts';
import { waitUntilLanded } from '../streams/app/job/landing.ts';
import { progressLine } from '../streams/app/job/progress.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { createHttpRegistryClient, createSerde } from '../streams/serde/index.ts';
import { createPublisher } from '../streams/serde/publish.ts';
import { createTestDatabase } from '../test/support/clickhouse.ts';
import { uniqueName } from '../test/support/names.ts';
import { generatedOutcome } from '../test/support/outcome-records.ts';
import { percentile, type SteadySession, steadyPhase } from './e2e/steady.ts';
import { committedRecords, groupsOf, removeSystem, startSystem } from './e2e/system.ts';
import { rawConsumeRate } from './runtime/measure.ts';
import { deleteBenchTopics } from './runtime/topics.ts';

const { values: flags } = parseArgs({
  options: {
    symbols: { type: 'string', default: '2000' },
    sessions: { type: 'string', default: '500' },
    'steady-sessions': { type: 'string', default: '100' },
    rate: { type: 'string', default: '10000' },
  },
  strict: true,
});
const symbols = Number(flags.symbols);
const replaySessions = Number(flags.sessions);
const steadySessions = Number(flags['steady-sessions']);
const rate = Number(flags.rate);

const endpoints = loadEndpoints();
const kafka = new Kafka({
  clientId: uniqueName('bench-e2e'),
  brokers: [...endpoints.kafkaBrokers],
  logLevel: logLevel.WARN,
  logCreator: runtimeLogCreator,
});
const serde = createSerde({ registry: createHttpRegistryClient({ url: endpoints.schemaRegistryUrl }) });
const say = (line: string) => console.log(`[bench] ${line}`);

const market = generateSampleMarket(
  sampleOptions({ symbols, sessions: replaySessions + steadySessions, seed: 11, candidatesPerRun: 20 }),
);
const boundary = Date.parse(`${market.sessions[replaySessions]!}T00:00:00Z`);
const replay = {
  runs: market.runs.filter((r) => r.finished_at < boundary),
  positions: market.positions.filter((p) => p.as_of < boundary),
  bars: market.bars.filter((b) => b.timestamp < boundary),
};
const steady: SteadySession[] = market.sessions.slice(replaySessions).map((session) => {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10) === session;
  return {
    bars: market.bars.filter((b) => day(b.timestamp)),
    run: market.runs.find((r) => day(r.finished_at)),
  };
});

const name = uniqueName('bench-e2e');
const system = startSystem(name);
const admin = kafka.admin();
await admin.connect();
const publisher = await createPublisher({ kafka, serde, topicPrefix: system.topicPrefix });
const clickhouse = createHttpSession({ url: endpoints.clickhouseUrl, database: system.database });
const results: Record<string, unknown> = {
  symbols,
  replaySessions,
  steadySessions,
  rate,
  machine: 'shared 2-core',
};
try {
  await system.started;
  // Every group has joined once two looks a second apart find the same ones.
  let groups = await groupsOf(admin, name);
  for (let previous = -1; groups.length !== previous; ) {
    previous = groups.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    groups = await groupsOf(admin, name);
  }
  say(`${groups.length} consumer groups: ${groups.map((g) => g.groupId.slice(name.length + 1)).join(', ')}`);
  say(
    `job running as ${name}; replaying ${replay.bars.length.toLocaleString('en-US')} bars of ${symbols} symbols`,
  );
  const replayRecords = replay.runs.length + replay.positions.length + replay.bars.length;
  // A group done before the first sampling second is measured from here.
  const samples: { at: number; counts: Map<string, number> }[] = [
    { at: Date.now(), counts: await committedRecords(admin, groups) },
  ];
  const began = Date.now();
  const sampler = setInterval(() => {
    void committedRecords(admin, groups).then((counts) => samples.push({ at: Date.now(), counts }));
  }, 1000);
  const publishing = progressLine(process.stdout, '[bench] publishing', 'records');
  let published = 0;
  for (const [contract, records] of [
    ['amc.discovery.runs.v1', replay.runs],
    ['amc.portfolio.positions.v1', replay.positions],
    ['amc.market.bars.v1', replay.bars],
  ] as const) {
    for (let start = 0; start < records.length; start += 5_000) {
      const slice = records.slice(start, start + 5_000);
      await publisher.publish(contract, slice as never);
      published += slice.length;
      publishing.update(published, replayRecords);
    }
  }
  publishing.finish(`${published.toLocaleString('en-US')} records`);
  const publishedAt = Date.now();
  await waitUntilLanded(kafka, groups, progressLine(process.stdout, '[bench] landing', 'records'));
  clearInterval(sampler);
  const landedAt = Date.now();
  results.memoryAfterReplayMb = await system.memoryMb();
  const rates = groups.map(({ groupId }) => {
    const moving = samples.filter(
      (s, i) => i > 0 && s.counts.get(groupId)! > samples[i - 1]!.counts.get(groupId)!,
    );
    const first = samples[Math.max(0, samples.indexOf(moving[0]!) - 1)];
    const last = moving.at(-1);
    const records = first && last ? last.counts.get(groupId)! - first.counts.get(groupId)! : 0;
    const seconds = first && last ? (last.at - first.at) / 1000 : 0;
    return {
      processor: groupId.slice(name.length + 1),
      records,
      recordsPerSecond: seconds > 0 ? records / seconds : null,
    };
  });
  results.replay = {
    records: replayRecords,
    bars: replay.bars.length,
    publishSeconds: (publishedAt - began) / 1000,
    firstProducedToLastStoredSeconds: (landedAt - began) / 1000,
    processors: rates,
  };

  say(`steady phase: ${steadySessions} sessions of ${symbols} bars at ${rate} bars/s`);
  const watch = {
    async latestOutcome() {
      const rows = await clickhouse.query<{ t: string }>(
        `SELECT toUnixTimestamp(max(as_of)) AS t FROM ${TABLES.recommendationTracking}`,
      );
      return Number(rows[0]?.t ?? 0) * 1000;
    },
    async healthOf(ids: readonly string[]) {
      const list = ids.map((id) => `'${id.replace(/[^A-Za-z0-9-]/g, '')}'`).join(',');
      const rows = await clickhouse.query<{ run_id: string }>(
        `SELECT DISTINCT run_id FROM ${TABLES.pipelineHealthLog} WHERE run_id IN (${list})`,
      );
      return new Set(rows.map((r) => r.run_id));
    },
  };
  const steadyResult = await steadyPhase(publisher, steady, rate, watch);
  results.steady = {
    ...steadyResult,
    barLagMs: undefined,
    runLagMs: undefined,
    barLagP50Ms: percentile(steadyResult.barLagMs, 50),
    barLagP99Ms: percentile(steadyResult.barLagMs, 99),
    runLagP50Ms: percentile(steadyResult.runLagMs, 50),
    runLagP99Ms: percentile(steadyResult.runLagMs, 99),
  };
  results.peakRssMb = { job: system.peakRssMb() };
  await system.stop();

  say('baselines: raw kafkajs consume of the bars, raw ClickHouse insert of outcome rows');
  const consume = await rawConsumeRate(
    kafka,
    `${system.topicPrefix}${TOPICS.marketBars.name}`,
    replay.bars.length,
  );
  const db = await createTestDatabase('bench_e2e_raw');
  const writer = createClickhouseWriter(db.target);
  const rows = Array.from(
    { length: 200_000 },
    (_, i) =>
      rowsOf(TOPICS.recommendationOutcomes.name, generatedOutcome(i >> 1, (i % 2) + 1, 2), {
        partition: 0,
        offset: String(i),
      })[0]!.row,
  );
  const insertBegan = performance.now();
  for (let start = 0; start < rows.length; start += 20_000)
    await writer.insert(TABLES.recommendationTracking, rows.slice(start, start + 20_000));
  const insertRate = (rows.length / (performance.now() - insertBegan)) * 1000;
  await writer.close();
  await db.drop();
  const tracker = rates.find((r) => r.processor === 'tracker')?.recordsPerSecond ?? null;
  const sinkRate = rates.find((r) => r.processor === 'clickhouse-sink')?.recordsPerSecond ?? null;
  results.baselines = {
    rawKafkajsConsumePerSecond: consume.rate,
    rawClickhouseInsertRowsPerSecond: insertRate,
    trackerToRawConsume: tracker === null ? null : tracker / consume.rate,
    sinkToRawInsert: sinkRate === null ? null : sinkRate / insertRate,
  };
} finally {
  await system.stop();
  await publisher.close();
  await removeSystem(admin, system, (statement) => clickhouse.command(statement));
  await deleteBenchTopics(kafka);
  await clickhouse.close();
  await admin.disconnect();
}

const table = formatResults(results);
console.log(`\n${table}`);
writeFileSync('bench/results/end-to-end.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/results/end-to-end.txt', `${table}\n`);

function memory(m: unknown): string {
  const { rss, heapUsed, external } = (m ?? {}) as Record<string, number | undefined>;
  return [rss, heapUsed, external]
    .map((x) => (x === undefined || Number.isNaN(x) ? '-' : String(x)))
    .join(' / ');
}

function formatResults(r: Record<string, unknown>): string {
  const replayed = r.replay as {
    bars: number;
    records: number;
    publishSeconds: number;
    firstProducedToLastStoredSeconds: number;
    processors: { processor: string; records: number; recordsPerSecond: number | null }[];
  };
  const st = r.steady as Record<string, number | null>;
  const base = r.baselines as Record<string, number | null>;
  const n = (x: number | null | undefined, d = 0) =>
    x === null || x === undefined ? '-' : x.toLocaleString('en-US', { maximumFractionDigits: d });
  return [
    `end-to-end: ${n(replayed.bars)} bars of ${symbols} symbols over ${replaySessions} sessions (${n(replayed.records)} input records), then ${steadySessions} sessions at ${rate} bars/s; ${new Date().toISOString()}`,
    '',
    '| measure | value | goal |',
    '|---|---|---|',
    `| replay: first record produced → last row in ClickHouse | ${n(replayed.firstProducedToLastStoredSeconds, 1)} s | < 60 s |`,
    `| replay: publishing alone | ${n(replayed.publishSeconds, 1)} s | |`,
    ...replayed.processors.map(
      (p) => `| ${p.processor}: records/s (${n(p.records)} committed past) | ${n(p.recordsPerSecond)} | |`,
    ),
    `| steady: bars/s achieved | ${n(st.achievedRate)} | 10,000 |`,
    `| steady: bar → first outcome row of its session, p50 / p99 | ${n(st.barLagP50Ms)} / ${n(st.barLagP99Ms)} ms | p99 < 1,000 ms |`,
    `| steady: run → its health row, p50 / p99 | ${n(st.runLagP50Ms)} / ${n(st.runLagP99Ms)} ms | p99 < 1,000 ms |`,
    `| steady: sessions never seen within 60 s | ${n(st.unseenSessions)} | 0 |`,
    `| peak RSS of the job process (processors, sink, API) | ${n((r.peakRssMb as { job: number }).job)} MiB | < 300 MiB |`,
    `| after the replay: RSS / V8 heap used / external | ${memory(r.memoryAfterReplayMb)} MiB | |`,
    `| baseline: raw kafkajs consume of the bars | ${n(base.rawKafkajsConsumePerSecond)} records/s | |`,
    `| baseline: raw ClickHouse insert of outcome rows | ${n(base.rawClickhouseInsertRowsPerSecond)} rows/s | |`,
    `| tracker / raw consume | ${n(base.trackerToRawConsume, 3)} | |`,
    `| sink / raw insert | ${n(base.sinkToRawInsert, 3)} | |`,
  ].join('\n');
}
