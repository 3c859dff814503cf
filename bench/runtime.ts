/**
 * Exactly-once throughput of the stream runtime against the raw kafkajs
 * consume rate and kafkajs consume-and-produce of the same topic, measured in
 * one run on one machine so the ratios mean something where absolute numbers
 * do not. Each row of the ladder adds one change to the row above it, so
 * every change has its before and after in the same run; rounds repeat the
 * whole set, interleaved, and the table gives the median and the spread.
 *
 *   npm run bench:runtime [-- --records 400000 --partitions 3 --txn 500,2000 --repeat 3
 *                             --variants before,grouping,... --scale copy@1,copy@2,count@2
 *                             --phase-log phases.json --confluent]
 *
 * `--scale`: processor@processes at the largest transaction size, with the
 * defaults; `copy` does the consume-and-produce baseline's work, `count` is
 * the ladder's processor; @1 runs in this process, @N in N processes of one group.
 *
 * --confluent adds @confluentinc/kafka-javascript (librdkafka) to the client
 * baselines; the first run builds it into the cache (see runtime/confluent-client.ts).
 *
 * Needs Kafka (the local stack, or KAFKA_BROKERS).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Kafka as KafkaClient } from 'kafkajs';
import { loadEndpoints } from '../config/endpoints.ts';
import { referenceCodec } from '../streams/reference/count-processor.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { produceInput } from '../test/support/reference-run.ts';
import {
  kafkajsTransactionalCopy,
  platformaticConsume,
  platformaticTransactionalCopy,
} from './runtime/clients.ts';
import { phases } from './runtime/clock.ts';
import { CONFLUENT_BASELINES, CONFLUENT_FETCH, confluentClient } from './runtime/confluent.ts';
import { CONFLUENT_VERSION } from './runtime/confluent-client.ts';
import { exactlyOnceProcessesRate } from './runtime/eos-processes.ts';
import {
  kafkajsWithout,
  LESS_PATCHED_COPIES,
  type PerformancePatch,
  removeKafkajsCopies,
} from './runtime/kafkajs-builds.ts';
import { LADDER } from './runtime/ladder.ts';
import {
  type BaselineResult,
  consumeProduceRate,
  type EosResult,
  exactlyOnceRate,
  rawConsumeRate,
} from './runtime/measure.ts';
import type { BenchProcessor } from './runtime/processors.ts';
import { rate, ratio, spreadOf, table } from './runtime/report.ts';
import { benchTopic, deleteBenchTopics } from './runtime/topics.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '400000' },
    partitions: { type: 'string', default: '3' },
    txn: { type: 'string', default: '500,2000' },
    repeat: { type: 'string', default: '3' },
    variants: { type: 'string', default: LADDER.map((v) => v.name).join(',') },
    'skip-baselines': { type: 'boolean', default: false },
    'skip-clients': { type: 'boolean', default: false },
    scale: { type: 'string', default: 'copy@1,copy@2,count@2' },
    'phase-log': { type: 'string' },
    confluent: { type: 'boolean', default: false },
  },
});
const records = Number(values.records);
const partitions = Number(values.partitions);
const txnSizes = values.txn.split(',').map(Number);
const rounds = Number(values.repeat);
const variants = values.variants.split(',').map((name) => {
  const variant = LADDER.find((v) => v.name === name);
  if (!variant) throw new Error(`unknown variant ${name}; known: ${LADDER.map((v) => v.name).join(', ')}`);
  return variant;
});

const scale = (values.scale === '' ? [] : values.scale.split(',')).map((entry) => {
  const [processor, count] = entry.split('@');
  const processes = Number(count);
  if ((processor !== 'copy' && processor !== 'count') || !Number.isInteger(processes) || processes < 1)
    throw new Error(`--scale ${entry}: expected copy@N or count@N`);
  return { name: entry, processor: processor as BenchProcessor, processes };
});

const clientOf = (without: readonly PerformancePatch[], ownCopy = false): KafkaClient => {
  const { Kafka, logLevel } = kafkajsWithout(without, ownCopy);
  return new Kafka({
    clientId: 'amc-bench',
    brokers: [...loadEndpoints().kafkaBrokers],
    logLevel: logLevel.NOTHING,
    logCreator: runtimeLogCreator,
  }) as unknown as KafkaClient;
};
const kafka = clientOf([]);
const lessPatched = LESS_PATCHED_COPIES.map(({ without }) => clientOf(without, true));
const clients = new Map(variants.map((v) => [v.name, clientOf(v.without, true)]));

// The build, when the cache has none, happens before anything is timed.
const librdkafka = values.confluent ? confluentClient().librdkafkaVersion : undefined;

let peakRss = process.memoryUsage().rss;
const rssProbe = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const input = await benchTopic(kafka, 'bench-in', partitions);
await produceInput(kafka, input, records);

const rawRuns: BaselineResult[] = [];
const copyRuns: BaselineResult[] = [];
const lessPatchedCopyRuns = LESS_PATCHED_COPIES.map(() => [] as BaselineResult[]);
const clientTxn = Math.max(...txnSizes);
const clientRuns = {
  kafkajsTxCopy: [] as BaselineResult[],
  pkRaw: [] as BaselineResult[],
  pkTxCopy: [] as BaselineResult[],
  confluent: CONFLUENT_BASELINES.map(() => [] as BaselineResult[]),
};
const eos = new Map<string, EosResult[]>();
const scaled = new Map<string, EosResult[]>();
const at = (variant: string, txn: number) => `${variant}@${txn}`;
for (let round = 1; round <= rounds; round++) {
  if (!values['skip-baselines']) {
    rawRuns.push(await rawConsumeRate(kafka, input, records));
    copyRuns.push(await consumeProduceRate(kafka, input, records, partitions, 'copy'));
  }
  // Right after the baselines: a load that comes and goes on a shared machine then moves both alike.
  for (const { name, processor, processes } of scale) {
    const label = `eos ${name}`;
    const result =
      processes === 1
        ? await exactlyOnceRate(kafka, input, {
            records,
            partitions,
            txn: clientTxn,
            tuning: {},
            codec: referenceCodec,
            processor,
            label,
          })
        : await exactlyOnceProcessesRate(kafka, input, {
            records,
            partitions,
            txn: clientTxn,
            processes,
            processor,
            label,
          });
    scaled.set(name, [...(scaled.get(name) ?? []), result]);
    console.error(`round ${round} ${label}: ${result.rate.toFixed(0)} records/s`);
  }
  if (!values['skip-baselines']) {
    for (const [i, client] of lessPatched.entries())
      lessPatchedCopyRuns[i]!.push(
        await consumeProduceRate(client, input, records, partitions, `copy ${LESS_PATCHED_COPIES[i]!.what}`),
      );
  }
  if (!values['skip-clients']) {
    const run = { kafka, input, records, partitions, txn: clientTxn };
    clientRuns.kafkajsTxCopy.push(await kafkajsTransactionalCopy(run));
    clientRuns.pkRaw.push(await platformaticConsume(input, records));
    clientRuns.pkTxCopy.push(await platformaticTransactionalCopy(run));
  }
  if (values.confluent) {
    const run = { kafka, input, records, partitions, txn: clientTxn };
    for (const [i, baseline] of CONFLUENT_BASELINES.entries())
      clientRuns.confluent[i]!.push(await baseline.measure(run));
  }
  for (const txn of txnSizes) {
    for (const variant of variants) {
      const result = await exactlyOnceRate(clients.get(variant.name)!, input, {
        records,
        partitions,
        txn,
        tuning: variant.tuning,
        codec: variant.codec,
        processor: 'count',
        label: `eos ${at(variant.name, txn)}`,
      });
      eos.set(at(variant.name, txn), [...(eos.get(at(variant.name, txn)) ?? []), result]);
      console.error(`round ${round} ${at(variant.name, txn)}: ${result.rate.toFixed(0)} records/s`);
    }
  }
}
clearInterval(rssProbe);
removeKafkajsCopies();
await deleteBenchTopics(kafka);
if (values['phase-log']) writeFileSync(values['phase-log'], `${JSON.stringify(phases, null, 2)}\n`);

const raws = rawRuns.map((r) => r.rate);
const copies = copyRuns.map((r) => r.rate);
const cpuOf = (runs: readonly BaselineResult[]) => {
  const node = spreadOf(runs.map((r) => r.nodeUsPerRecord)).median.toFixed(1);
  const broker = runs.every((r) => r.brokerUsPerRecord !== undefined)
    ? spreadOf(runs.map((r) => r.brokerUsPerRecord!)).median.toFixed(1)
    : '-';
  const startup = spreadOf(runs.map((r) => r.startupMs)).median.toFixed(0);
  return `cpu µs/record: node ${node}, broker ${broker}; startup ${startup} ms`;
};
const perRound = (results: readonly EosResult[], base: readonly number[]) =>
  spreadOf(results.map((r, i) => r.rate / base[i]!));
const lines = [
  `runtime benchmark: ${records} records, ${partitions} partitions, ${rounds} rounds, node ${process.version}, ${new Date().toISOString()}`,
  'median (min–max) over the rounds; ratios are taken within each round, then summarised',
  "every rate runs from the case's first record to its last; the startup before the first record (joining the group, opening tasks, the first fetch) is given apart",
  '',
];
if (raws.length > 0) {
  lines.push(
    `raw kafkajs consume (read_committed, no processing): ${rate(spreadOf(raws))} records/s; ${cpuOf(rawRuns)}`,
    `consume + produce one output each, no transactions (installed kafkajs): ${rate(spreadOf(copies))} records/s, ${ratio(spreadOf(copies.map((c, i) => c / raws[i]!)))} of raw; ${cpuOf(copyRuns)}`,
    ...LESS_PATCHED_COPIES.map(
      ({ what }, i) =>
        `  the same with ${what}: ${rate(spreadOf(lessPatchedCopyRuns[i]!.map((r) => r.rate)))} records/s; ${cpuOf(lessPatchedCopyRuns[i]!)}`,
    ),
    '',
  );
}
const line = (what: string, runs: readonly BaselineResult[]) =>
  `${what}: ${rate(spreadOf(runs.map((r) => r.rate)))} records/s` +
  (raws.length > 0 ? `, ${ratio(spreadOf(runs.map((r, i) => r.rate / raws[i]!)))} of kafkajs raw` : '') +
  `; ${cpuOf(runs)}`;
if (clientRuns.pkRaw.length > 0) {
  lines.push(
    `the client alone: consume, copy each record, one transaction per ${clientTxn} records of a partition with its offset`,
    line('  kafkajs (installed)', clientRuns.kafkajsTxCopy),
    line('  @platformatic/kafka', clientRuns.pkTxCopy),
    line('@platformatic/kafka raw consume (read_committed)', clientRuns.pkRaw),
    '',
  );
}
if (librdkafka !== undefined) {
  lines.push(
    `@confluentinc/kafka-javascript ${CONFLUENT_VERSION} (librdkafka ${librdkafka}), txn ${clientTxn}; consumers: ${JSON.stringify(CONFLUENT_FETCH)}`,
    ...CONFLUENT_BASELINES.map((baseline, i) => line(`  ${baseline.name}`, clientRuns.confluent[i]!)),
    '',
  );
}
for (const variant of variants) lines.push(`${variant.name.padEnd(12)} ${variant.change}`);
lines.push('');
const row = (txn: number, name: string, results: readonly EosResult[]) => [
  String(txn),
  name,
  rate(spreadOf(results.map((r) => r.rate))),
  raws.length > 0 ? ratio(perRound(results, raws)) : '-',
  copies.length > 0 ? ratio(perRound(results, copies)) : '-',
  spreadOf(results.map((r) => r.writesPerRecord)).median.toFixed(2),
  spreadOf(results.map((r) => r.startupMs)).median.toFixed(0),
  spreadOf(results.map((r) => r.meanCommitMs)).median.toFixed(0),
  spreadOf(results.map((r) => r.nodeUsPerRecord)).median.toFixed(1),
  results.every((r) => r.brokerUsPerRecord !== undefined)
    ? spreadOf(results.map((r) => r.brokerUsPerRecord!)).median.toFixed(1)
    : '-',
];
const header = [
  'records/txn',
  'variant',
  'records/s',
  'ratio to raw',
  'ratio to copy',
  'writes/record',
  'startup ms',
  'commit ms',
  'node cpu µs/rec',
  'broker cpu µs/rec',
];
lines.push(
  ...table(
    header,
    txnSizes.flatMap((txn) => variants.map((v) => row(txn, v.name, eos.get(at(v.name, txn))!))),
  ),
);
if (scale.length > 0) {
  lines.push(
    '',
    `scale-out, the defaults at ${clientTxn} records per transaction: processor@processes (node cpu summed over the processes)`,
    "copy         one output per record, no state: the consume-and-produce baseline's work",
    "count        the ladder's processor: state, timers, two outputs per record",
    '',
    ...table(
      header,
      scale.map(({ name }) => row(clientTxn, name, scaled.get(name)!)),
    ),
  );
}
lines.push('', `peak RSS of this process: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
console.log(lines.join('\n'));
process.exit(0);
