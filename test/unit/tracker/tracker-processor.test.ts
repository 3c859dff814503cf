import { describe, expect, it } from 'vitest';
import type { MarketBar, Recommendation as RecommendationRecord } from '../../../schemas/types.generated.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import type { InputRecord } from '../../../streams/runtime/types.ts';
import {
  DEFAULT_TRACKER_CONFIG,
  NYSE_CALENDAR as nyse,
  type PriceBar,
  type Recommendation,
} from '../../../streams/tracker/domain/index.ts';
import type { SymbolEnvelope } from '../../../streams/tracker/envelope.ts';
import { toOutcomeRecord } from '../../../streams/tracker/mapping.ts';
import { trackerProcessor } from '../../../streams/tracker/tracker-processor.ts';
import { intradayBar, newYorkTime } from './support/market.ts';
import { replay } from './support/replay.ts';

/*
 * The tracker processor keeps bars rolled up per session; the domain
 * evaluates from raw bars. Fed the same records, the processor must emit
 * exactly the outcomes (and versions) a raw-bar replay emits: with 30-minute
 * bars, corrections of bars already rolled up (a bad high taken back, a
 * session's last close changed) and bars in an unhelpful order.
 */
const recommendation: Recommendation = {
  tracking_id: 'run-1:ACME',
  run_id: 'run-1',
  symbol: 'ACME',
  discovered_at: newYorkTime('2024-12-02', 16, 5),
  discovery_price: 100,
};

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Thirteen 30-minute bars a session for 45 sessions, a few corrections after their session was rolled up. */
function market(): PriceBar[] {
  const random = seededRandom(3);
  const bars: PriceBar[] = [];
  let close = 100;
  for (const session of nyse.sessionsBetween('2024-12-03', '2025-02-10')) {
    for (let slot = 0; slot < 13; slot++) {
      close = Math.max(1, close * (1 + (random() - 0.48) * 0.02));
      const hour = 9 + Math.floor((30 + slot * 30) / 60);
      bars.push(
        intradayBar(
          session,
          hour,
          (30 + slot * 30) % 60,
          { close, high: close * 1.01, low: close * 0.99 },
          '30m',
        ),
      );
    }
  }
  const corrections = [40, 41, 200, 388].map((i) => {
    const bar = bars[i]!;
    return { ...bar, high: bar.high * (i % 2 === 0 ? 1.2 : 1), close: bar.close * 0.97, low: bar.low * 0.9 };
  });
  // A bad high first, taken back by a correction later: the rolled-up session must narrow again.
  const spike = { ...bars[100]!, high: bars[100]!.high * 1.5 };
  return [
    ...bars.slice(0, 100),
    spike,
    ...bars.slice(101, 300),
    { ...spike, high: bars[100]!.high },
    ...bars.slice(300),
    ...corrections,
  ];
}

const asRecord = (barOrRec: PriceBar | Recommendation, offset: number): InputRecord<SymbolEnvelope> =>
  'interval' in barOrRec
    ? {
        topic: 'by-symbol',
        partition: 0,
        offset: String(offset),
        timestamp: barOrRec.timestamp,
        key: barOrRec.symbol,
        value: { kind: 'bar', bar: barOrRec as MarketBar },
      }
    : {
        topic: 'by-symbol',
        partition: 0,
        offset: String(offset),
        timestamp: barOrRec.discovered_at,
        key: barOrRec.symbol,
        value: {
          kind: 'recommendation',
          recommendation: {
            ...barOrRec,
            composite_score: 80,
            vigl_score: 0.7,
            factors: {},
            thesis: 't',
            relaxed: false,
          } as RecommendationRecord,
        },
      };

function compare(bars: readonly PriceBar[]) {
  const processor = trackerProcessor({
    applicationId: 'tracker-test',
    input: 'by-symbol',
    outcomes: 'outcomes',
    alertCandidates: 'alerts',
  });
  const records = [recommendation, ...bars].map(asRecord);
  const outputs = runInMemory(processor, records).outputs.get(0) ?? [];
  const emitted = outputs.filter((o) => o.topic === 'outcomes').map((o) => o.value);
  const expected = replay(
    recommendation,
    bars.map((bar) => ({ bar })),
    { config: DEFAULT_TRACKER_CONFIG, calendar: nyse },
  ).emitted.map((e) => toOutcomeRecord(e.outcome, e.version));
  return { emitted, expected };
}

describe('the tracker processor over rolled-up sessions', () => {
  it('emits what the raw bars give, corrections of rolled-up bars included', () => {
    const { emitted, expected } = compare(market());
    expect(expected.length).toBeGreaterThan(4);
    expect(emitted).toEqual(expected);
  });

  it('emits what the raw bars give when the bars arrive in an unhelpful order', () => {
    const random = seededRandom(9);
    const shuffled = market()
      .map((bar) => ({ bar, sort: random() }))
      .sort((a, b) => a.sort - b.sort)
      .map(({ bar }) => bar);
    const { emitted, expected } = compare(shuffled);
    expect(emitted).toEqual(expected);
  });
});
