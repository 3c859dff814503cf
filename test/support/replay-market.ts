import type { Kafka } from 'kafkajs';
import type { TopicName } from '../../schemas/topics.ts';
import type { DiscoveryRun, MarketBar, PositionSnapshot } from '../../schemas/types.generated.ts';
import { dailyBar, discoveryRun, openedPosition, openOf, weekdaysFrom } from './market.ts';
import { produceAvro, type TrackerRun, testSerde } from './tracker-run.ts';

/*
 * A market of seven symbols over 45 sessions, with the answers worked out by
 * hand in the test. Run R1 finishes on Monday 2026-02-09 after the close;
 * sessions are the weekdays from 2026-02-10 less Presidents' Day (02-16) and
 * Good Friday (04-03). Session k's closes:
 * - AAA 10 + 0.1k, unbought; recommended again by R2 after session 5 (at 10.50);
 * - CCC flat 30, halted in sessions 6-8 (the 7th session has no bar);
 * - DDD flat 20, bought in session 1;
 * - EEE 40 + 0.2k, its 14th-session bar later corrected from 42.80 to 44.00;
 * - GGG 50 - 0.4k;
 * - III 5 + 0.1k, unbought;
 * - TTT 8 + 0.01k until session 20, then delisted. TTT is alone in its
 *   partition (murmur2 over 3 partitions), so only time marks from the other
 *   partitions can move it past its 30th session.
 */
export const SESSIONS = weekdaysFrom('2026-02-10', 45, ['2026-02-16', '2026-04-03']);
export const session = (k: number): string => SESSIONS[k - 1]!;
export const LONE_SYMBOL = 'TTT';
export const TRACKING_IDS = ['R1:AAA', 'R1:CCC', 'R1:DDD', 'R1:EEE', 'R1:GGG', 'R1:III', 'R1:TTT', 'R2:AAA'];

const R1_AT = Date.parse('2026-02-09T21:05:00Z');
const R2_AT = Date.parse(`${session(5)}T21:05:00Z`);

const CLOSES: Record<string, (k: number) => number | null> = {
  AAA: (k) => 10 + 0.1 * k,
  CCC: (k) => (k >= 6 && k <= 8 ? null : 30),
  DDD: () => 20,
  EEE: (k) => 40 + 0.2 * k,
  GGG: (k) => 50 - 0.4 * k,
  III: (k) => 5 + 0.1 * k,
  TTT: (k) => (k <= 20 ? 8 + 0.01 * k : null),
};

export interface MarketInputs {
  readonly runs: readonly DiscoveryRun[];
  readonly positions: readonly PositionSnapshot[];
  /** In publishing order: the EEE correction comes last, as a late correction does. */
  readonly bars: readonly MarketBar[];
}

export function marketInputs(): MarketInputs {
  const r1 = discoveryRun('R1', R1_AT, [
    { symbol: 'AAA', price: 10 },
    { symbol: 'CCC', price: 30 },
    { symbol: 'DDD', price: 20 },
    { symbol: 'EEE', price: 40 },
    { symbol: 'GGG', price: 50 },
    { symbol: 'III', price: 5 },
    { symbol: 'TTT', price: 8 },
  ]);
  const r2 = discoveryRun('R2', R2_AT, [{ symbol: 'AAA', price: 10.5 }]);
  const bars: MarketBar[] = [];
  for (let k = 1; k <= SESSIONS.length; k++) {
    for (const [symbol, closeOf] of Object.entries(CLOSES)) {
      const close = closeOf(k);
      if (close !== null) bars.push(dailyBar(symbol, session(k), close, { high: 0.05, low: 0.05 }));
    }
  }
  bars.push(dailyBar('EEE', session(14), 44, { high: 0.05, low: 0.05 }));
  const position = openedPosition('DDD', Date.parse(`${session(1)}T15:00:00Z`), 20.05);
  // R2 is replayed by upstream: it must count once.
  return { runs: [r1, r2, r2], positions: [position], bars };
}

export type FeedOrder = 'event-time' | 'runs-then-bars' | 'bars-then-runs';

interface Publishable {
  readonly contract: TopicName;
  readonly topic: (run: TrackerRun) => string;
  readonly eventTime: number;
  readonly key: string;
  readonly value: DiscoveryRun | PositionSnapshot | MarketBar;
}

function publishables(inputs: MarketInputs): {
  runs: Publishable[];
  positions: Publishable[];
  bars: Publishable[];
} {
  return {
    runs: inputs.runs.map((value) => ({
      contract: 'amc.discovery.runs.v1',
      topic: (r) => r.topics.discoveryRuns,
      eventTime: value.finished_at,
      key: value.run_id,
      value,
    })),
    positions: inputs.positions.map((value) => ({
      contract: 'amc.portfolio.positions.v1',
      topic: (r) => r.topics.positions,
      eventTime: value.as_of,
      key: value.symbol,
      value,
    })),
    bars: inputs.bars.map((value) => ({
      contract: 'amc.market.bars.v1',
      topic: (r) => r.topics.bars,
      eventTime: value.timestamp,
      key: value.symbol,
      value,
    })),
  };
}

/**
 * Publishes the market in one of three orders. 'event-time' sets each Kafka
 * timestamp to the record's event time and publishes day by day; the other
 * two leave the Kafka timestamp to the producer's wall clock, as an upstream
 * backfill would.
 */
export async function publishMarket(
  kafka: Kafka,
  run: TrackerRun,
  order: FeedOrder,
  extra: readonly { topic: string; contract: 'amc.market.bars.v1'; value: MarketBar }[] = [],
): Promise<void> {
  const serde = testSerde();
  const { runs, positions, bars } = publishables(marketInputs());
  const send = async (items: readonly Publishable[], stamped: boolean) => {
    // One produce call per topic, in the items' order.
    const topics = [...new Set(items.map((i) => i.topic(run)))];
    for (const topic of topics) {
      const ofTopic = items.filter((i) => i.topic(run) === topic);
      await produceAvro(
        kafka,
        serde,
        topic,
        ofTopic[0]!.contract,
        ofTopic.map((i) => ({
          key: i.key,
          value: i.value as never,
          ...(stamped ? { timestamp: i.eventTime } : {}),
        })),
      );
    }
  };
  for (const e of extra)
    await produceAvro(kafka, serde, e.topic, e.contract, [{ key: e.value.symbol, value: e.value }]);
  if (order === 'runs-then-bars') {
    await send(runs, false);
    await send(positions, false);
    await send(bars, false);
  } else if (order === 'bars-then-runs') {
    await send(bars, false);
    await send(positions, false);
    await send(runs, false);
  } else {
    const correction = bars[bars.length - 1]!;
    const all = [...runs, ...positions, ...bars.slice(0, -1)];
    const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
    const days = [...new Set(all.map((i) => dayOf(i.eventTime)))].sort();
    for (const day of days) {
      const today = all.filter((i) => dayOf(i.eventTime) === day).sort((a, b) => a.eventTime - b.eventTime);
      await send(today, true);
    }
    await send([correction], true);
  }
}

/** A bar far outside any plausible event time, for the dead-letter path. */
export function absurdBar(symbol: string, timestamp: number): MarketBar {
  return { ...dailyBar(symbol, session(1), 10, { high: 0.05, low: 0.05 }), timestamp };
}

export { openOf };
