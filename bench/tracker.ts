/**
 * The tracker alone (no Kafka): its processor, stores and changelog writes
 * over a feed of minute bars against the same over daily bars, in one run.
 * Records per second, and the changelog bytes written per bar in each tenth
 * of the feed: flat means a bar costs the same however long the history.
 *
 *   npm run bench:tracker [-- --symbols 500 --minute-bars 1000000 --daily-bars 250000 --txn 2000]
 */
import { parseArgs } from 'node:util';
import { PartitionProcessor } from '../streams/runtime/partition-processor.ts';
import type { SymbolEnvelope } from '../streams/tracker/envelope.ts';
import { trackerProcessor } from '../streams/tracker/tracker-processor.ts';
import { type FeedOptions, trackerFeed } from './tracker/feed.ts';

const { values } = parseArgs({
  options: {
    symbols: { type: 'string', default: '500' },
    'minute-bars': { type: 'string', default: '1000000' },
    'daily-bars': { type: 'string', default: '250000' },
    txn: { type: 'string', default: '2000' },
  },
});
const symbols = Number(values.symbols);
const txn = Number(values.txn);

interface FeedResult {
  readonly bars: number;
  readonly records: number;
  readonly seconds: number;
  readonly outputs: number;
  readonly changelogBytes: number;
  /** Changelog bytes per bar in each tenth of the feed (undefined: no transaction ended in it). */
  readonly bytesPerBarByTenth: readonly (number | undefined)[];
}

function run(feed: FeedOptions): FeedResult {
  const processor = new PartitionProcessor<SymbolEnvelope>(
    trackerProcessor({
      applicationId: 'bench-tracker',
      input: 'by-symbol',
      outcomes: 'outcomes',
      alertCandidates: 'alert-candidates',
    }),
    0,
  );
  const totalBars = feed.symbols * feed.barsPerSymbol;
  const tenth = Math.ceil(totalBars / 10);
  const byTenth = Array.from({ length: 10 }, () => ({ bars: 0, bytes: 0 }));
  let bars = 0;
  let records = 0;
  let outputs = 0;
  let bytes = 0;
  let inChunk = 0;
  let barsAtLastCommit = 0;
  const commit = () => {
    const work = processor.pending({ skipUnchangedTombstones: true });
    let written = 0;
    // What the runtime writes per change: the key and the JSON value (a tombstone has none).
    for (const changes of work.changes.values())
      for (const [key, value] of changes)
        written +=
          Buffer.byteLength(key) + (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));
    outputs += work.outputs.length;
    bytes += written;
    // A transaction's bytes and bars count in the tenth where it ends.
    const bucket = byTenth[Math.min(9, Math.floor(Math.max(0, bars - 1) / tenth))]!;
    bucket.bytes += written;
    bucket.bars += bars - barsAtLastCommit;
    barsAtLastCommit = bars;
    processor.commit();
    inChunk = 0;
  };
  const began = performance.now();
  for (const record of trackerFeed(feed)) {
    processor.process(record);
    records++;
    if (record.value.kind === 'bar') bars++;
    if (++inChunk >= txn) commit();
  }
  if (inChunk > 0) commit();
  const seconds = (performance.now() - began) / 1000;
  return {
    bars,
    records,
    seconds,
    outputs,
    changelogBytes: bytes,
    bytesPerBarByTenth: byTenth.map((t) => (t.bars === 0 ? undefined : t.bytes / t.bars)),
  };
}

const describe = (name: string, r: FeedResult) => [
  `${name}: ${r.bars} bars, ${r.records} records in ${r.seconds.toFixed(1)} s = ${(r.records / r.seconds).toFixed(0)} records/s; ` +
    `${r.outputs} outputs; changelog ${(r.changelogBytes / r.bars).toFixed(0)} bytes/bar`,
  `  changelog bytes/bar by tenth of the feed: ${r.bytesPerBarByTenth.map((b) => (b === undefined ? '-' : b.toFixed(0))).join(' ')}`,
];

const daily = run({
  symbols,
  barsPerSymbol: Math.ceil(Number(values['daily-bars']) / symbols),
  interval: '1d',
  recommendEverySessions: 30,
});
const minute = run({
  symbols,
  barsPerSymbol: Math.ceil(Number(values['minute-bars']) / symbols),
  interval: '1m',
  recommendEverySessions: 30,
});
const lines = [
  `tracker benchmark: ${symbols} symbols, a transaction per ${txn} records, node ${process.version}, ${new Date().toISOString()}`,
  ...describe('daily bars ', daily),
  ...describe('minute bars', minute),
  `minute-bar rate / daily-bar rate: ${(minute.records / minute.seconds / (daily.records / daily.seconds)).toFixed(2)} (goal: at least 0.5)`,
];
console.log(lines.join('\n'));
