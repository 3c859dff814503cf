import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicRecords } from '../../../schemas/types.generated.ts';
import { testKafka } from '../../support/kafka.ts';
import { produceWithCli } from '../../support/produce-cli.ts';
import { killHard } from '../../support/reference-run.ts';
import {
  absurdBar,
  type FeedOrder,
  LONE_SYMBOL,
  marketInputs,
  publishMarket,
  session,
  TRACKING_IDS,
} from '../../support/replay-market.ts';
import {
  createTrackerTopics,
  latestOutcomes,
  newTrackerRun,
  PARTITIONS,
  readAvro,
  startTrackerJob,
  type TrackerRun,
  testSerde,
} from '../../support/tracker-run.ts';

type Outcome = TopicRecords['amc.learning.recommendation-outcomes.v1'];
type Feed = FeedOrder | 'produce-cli';

const kafka = testKafka();
const serde = testSerde();
const children: ChildProcess[] = [];
const runs = new Map<Feed, TrackerRun>();
const finals = new Map<Feed, Map<string, Outcome>>();
const scratch = mkdtempSync(path.join(tmpdir(), 'amc-event-time-'));

const allFinal = (outcomes: readonly Outcome[]) => {
  const latest = latestOutcomes(outcomes);
  return TRACKING_IDS.every((id) => latest.get(id)?.final === true);
};

/** Publishes the market the way an upstream team would: `npm run produce`, one file per topic. */
function publishWithProduceCli(run: TrackerRun): void {
  const { runs: discoveryRuns, positions, bars } = marketInputs();
  produceWithCli(run.prefix, 'amc.discovery.runs.v1', discoveryRuns, scratch);
  produceWithCli(run.prefix, 'amc.portfolio.positions.v1', positions, scratch);
  produceWithCli(run.prefix, 'amc.market.bars.v1', bars, scratch);
}

async function feed(name: Feed): Promise<void> {
  const run = newTrackerRun(`et-${name}`);
  runs.set(name, run);
  await createTrackerTopics(kafka, run);
  children.push(startTrackerJob(run));
  if (name === 'produce-cli') publishWithProduceCli(run);
  else if (name === 'runs-then-bars') {
    // Two records no stream time may follow: dead letters, and nothing else.
    const extra = [Date.parse('1969-07-20T20:17:00Z'), Date.parse('3000-01-01T00:00:00Z')].map((t) => ({
      topic: run.topics.bars,
      contract: 'amc.market.bars.v1' as const,
      value: absurdBar('GGG', t),
    }));
    await publishMarket(kafka, run, name, extra);
  } else await publishMarket(kafka, run, name);
  const outcomes = await readAvro(
    kafka,
    serde,
    run.topics.outcomes,
    'amc.learning.recommendation-outcomes.v1',
    allFinal,
    240_000,
  );
  finals.set(name, latestOutcomes(outcomes));
}

/** What an outcome says, without when it was emitted or how many versions led to it. */
const comparable = (outcomes: Map<string, Outcome>) =>
  TRACKING_IDS.map((id) => {
    const { as_of: _asOf, version: _version, ...rest } = outcomes.get(id)!;
    return rest;
  });

describe('event time from the records, whoever published them and in whatever order', () => {
  beforeAll(async () => {
    // Two feeds at a time: four jobs at once would starve a two-core machine.
    await Promise.all([feed('event-time'), feed('runs-then-bars')]);
    await Promise.all([feed('bars-then-runs'), feed('produce-cli')]);
  }, 600_000);

  afterAll(async () => {
    for (const child of children) await killHard(child);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('tracks every recommendation to its hand-computed checkpoints', () => {
    const outcomes = finals.get('event-time')!;
    const table = (id: string) =>
      outcomes.get(id)!.checkpoints.map((c) => [c.days, c.session_date, c.status, c.price, c.missing_reason]);
    const close = (x: number) => expect.closeTo(x, 9);
    expect(table('R1:AAA')).toEqual([
      [1, session(1), 'REACHED', close(10.1), null],
      [7, session(7), 'REACHED', close(10.7), null],
      [14, session(14), 'REACHED', close(11.4), null],
      [30, session(30), 'REACHED', close(13), null],
    ]);
    expect(table('R2:AAA')).toEqual([
      [1, session(6), 'REACHED', close(10.6), null],
      [7, session(12), 'REACHED', close(11.2), null],
      [14, session(19), 'REACHED', close(11.9), null],
      [30, session(35), 'REACHED', close(13.5), null],
    ]);
    expect(table('R1:CCC')[1]).toEqual([7, session(7), 'MISSING', null, 'HALTED']);
    expect(outcomes.get('R1:CCC')!.checkpoints[1]!.last_bar_session).toBe(session(5));
    expect(table('R1:EEE')[2]).toEqual([14, session(14), 'REACHED', 44, null]);
    expect(table('R1:TTT')).toEqual([
      [1, session(1), 'REACHED', close(8.01), null],
      [7, session(7), 'REACHED', close(8.07), null],
      [14, session(14), 'REACHED', close(8.14), null],
      [30, session(30), 'MISSING', null, 'NO_DATA'],
    ]);
    expect(outcomes.get('R1:TTT')!.checkpoints[3]!.last_bar_session).toBe(session(20));
    const summary = (id: string) => {
      const o = outcomes.get(id)!;
      return [o.outcome_category, o.bought, o.missed_opportunity];
    };
    expect(TRACKING_IDS.map((id) => [id, ...summary(id)])).toEqual([
      ['R1:AAA', 'STRONG', false, true],
      ['R1:CCC', 'POOR', false, false],
      ['R1:DDD', 'POOR', true, false],
      ['R1:EEE', 'MODERATE', false, false],
      ['R1:GGG', 'FAILED', false, false],
      ['R1:III', 'EXPLOSIVE', false, true],
      ['R1:TTT', null, false, false],
      ['R2:AAA', 'STRONG', false, true],
    ]);
    expect(outcomes.get('R2:AAA')!.checkpoints[3]!.return_pct).toBeCloseTo((3 / 10.5) * 100, 9);
  });

  it.each(['runs-then-bars', 'bars-then-runs', 'produce-cli'] as const)(
    'gives the same final outcomes, field for field, when fed %s with wall-clock timestamps',
    (name) => {
      expect(comparable(finals.get(name)!)).toEqual(comparable(finals.get('event-time')!));
    },
  );

  it('dead-letters records stamped 1969 and 3000, with a reason, and stream time never jumped', async () => {
    const run = runs.get('runs-then-bars')!;
    const letters = await readAvro(
      kafka,
      serde,
      run.topics.deadLetters,
      'amc.learning.dead-letters.v1',
      (l) => l.length >= 2,
    );
    // Both went to GGG's partition first, the 1969 one at offset 0.
    expect(letters.map((l) => [l.source_topic, l.source_offset, l.reason_code])).toEqual([
      [run.topics.bars, 0, 'OUT_OF_RANGE'],
      [run.topics.bars, 1, 'FUTURE_TIMESTAMP'],
    ]);
    expect(letters[0]!.reason).toContain('before 1990-01-01');
    // Had the year-3000 bar moved stream time, every open checkpoint would have been settled as missing.
    expect(comparable(finals.get('runs-then-bars')!)).toEqual(comparable(finals.get('event-time')!));
  });

  it('the delisted symbol really is alone in its partition, so only time marks could settle it', () => {
    const partitionOf = Partitioners.DefaultPartitioner();
    const metadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));
    const partition = (symbol: string) =>
      partitionOf({ topic: 't', partitionMetadata: metadata, message: { key: symbol, value: null } });
    const symbols = [...new Set(marketInputs().bars.map((b) => b.symbol))];
    const sharing = symbols.filter((s) => s !== LONE_SYMBOL && partition(s) === partition(LONE_SYMBOL));
    expect(sharing).toEqual([]);
  });
});
