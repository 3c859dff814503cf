/**
 * fast-check generators of markets: a random walk of bars over the sessions
 * around a random discovery, with gaps, finer bars and weekend discoveries.
 */
import fc from 'fast-check';
import {
  addDays,
  type CheckpointBasis,
  NYSE_CALENDAR as nyse,
  type PriceBar,
  type Recommendation,
} from '../../../../streams/tracker/domain/index.ts';
import { newYorkTime } from './market.ts';

export type SessionKind = 'none' | 'daily' | 'intraday' | 'both';

interface SessionStep {
  readonly kind: SessionKind;
  /** Close-to-close move, basis points. */
  readonly moveBp: number;
  readonly highSpreadBp: number;
  readonly lowSpreadBp: number;
}

export interface MarketSpec {
  readonly discoveryDate: string;
  readonly discoveryHour: number;
  readonly discoveryPrice: number;
  readonly basis: CheckpointBasis;
  /** Steps for the sessions from 2 before the discovery date onwards. */
  readonly steps: readonly SessionStep[];
  /** Calendar days the stream runs past the last bar (lets checkpoints go missing). */
  readonly extraDays: number;
  /** Sort keys giving the arrival order of the bars. */
  readonly arrivalKeys: readonly number[];
}

export interface Market {
  readonly recommendation: Recommendation;
  readonly basis: CheckpointBasis;
  /** Bars in arrival order. */
  readonly bars: readonly PriceBar[];
  readonly endStreamTimeMs: number;
}

const FIRST_DAY = '2019-01-01';
const STEPS_BEFORE_DISCOVERY = 2;
const MAX_BARS = 4 * 45;

const sessionStep: fc.Arbitrary<SessionStep> = fc.record({
  kind: fc.constantFrom<SessionKind>('none', 'daily', 'daily', 'daily', 'daily', 'intraday', 'both'),
  moveBp: fc.integer({ min: -800, max: 800 }),
  highSpreadBp: fc.integer({ min: 0, max: 800 }),
  lowSpreadBp: fc.integer({ min: 0, max: 800 }),
});

export const marketSpec: fc.Arbitrary<MarketSpec> = fc.record({
  discoveryDate: fc.integer({ min: 0, max: 365 * 8 }).map((offset) => addDays(FIRST_DAY, offset)),
  discoveryHour: fc.integer({ min: 0, max: 23 }),
  discoveryPrice: fc.integer({ min: 100, max: 50_000 }).map((cents) => cents / 100),
  basis: fc.constantFrom<CheckpointBasis>('trading', 'calendar'),
  // Half the markets cover the whole window (45 sessions outlast day 30 on either basis).
  steps: fc.oneof(
    fc.array(sessionStep, { minLength: 0, maxLength: 45, size: 'max' }),
    fc.array(sessionStep, { minLength: 34, maxLength: 45 }),
  ),
  extraDays: fc.integer({ min: 0, max: 20 }),
  arrivalKeys: fc.array(fc.nat(), { minLength: MAX_BARS, maxLength: MAX_BARS }),
});

function barsOfSession(session: string, step: SessionStep, open: number, symbol: string): PriceBar[] {
  const close = Math.max(0.01, open * (1 + step.moveBp / 10_000));
  const high = Math.max(open, close) * (1 + step.highSpreadBp / 10_000);
  const low = Math.min(open, close) * (1 - step.lowSpreadBp / 10_000);
  const middle = (open + close) / 2;
  const bar = (interval: string, hour: number, minute: number, ohlc: readonly number[]): PriceBar => {
    const [o = open, h = high, l = low, c = close] = ohlc;
    const timestamp = newYorkTime(session, hour, minute);
    return { symbol, interval, timestamp, open: o, high: h, low: l, close: c, volume: 1_000 };
  };
  const daily = bar('1d', 9, 30, [open, high, low, close]);
  // The session's path: up to the high in the morning, down to the low at midday, then the close.
  const intraday = [
    bar('1h', 9, 30, [open, high, Math.min(open, middle), middle]),
    bar('1h', 12, 0, [middle, middle, low, middle]),
    bar('1h', 15, 0, [middle, Math.max(middle, close), Math.min(middle, close), close]),
  ];
  if (step.kind === 'daily') return [daily];
  if (step.kind === 'intraday') return intraday;
  if (step.kind === 'both') return [daily, ...intraday];
  return [];
}

/**
 * The New York instant at `hour` on `date`. The hour clocks skip when they
 * spring forward (02:00 on the second Sunday of March) has no instant: a
 * discovery then is stamped as a clock shows it, at 03:00.
 */
function discoveryInstant(date: string, hour: number): number {
  try {
    return newYorkTime(date, hour, 0);
  } catch {
    return newYorkTime(date, hour + 1, 0);
  }
}

export function buildMarket(spec: MarketSpec, symbol = 'GEN'): Market {
  const discoveredAt = discoveryInstant(spec.discoveryDate, spec.discoveryHour);
  const bars: PriceBar[] = [];
  let price = spec.discoveryPrice;
  spec.steps.forEach((step, index) => {
    const session = nyse.nthSessionAfter(spec.discoveryDate, index - STEPS_BEFORE_DISCOVERY);
    const sessionBars = barsOfSession(session, step, price, symbol);
    bars.push(...sessionBars);
    price = sessionBars.at(-1)?.close ?? price * (1 + step.moveBp / 10_000);
  });
  const lastTimestamp = Math.max(discoveredAt, ...bars.map((bar) => bar.timestamp));
  const endStreamTimeMs = lastTimestamp + spec.extraDays * 86_400_000;
  return {
    recommendation: {
      tracking_id: `gen:${symbol}`,
      run_id: 'gen',
      symbol,
      discovered_at: discoveredAt,
      discovery_price: spec.discoveryPrice,
    },
    basis: spec.basis,
    bars: arrivalOrder(bars, spec.arrivalKeys),
    endStreamTimeMs,
  };
}

/** `items` reordered by `keys` (ties keep their order), so one spec gives one arrival order. */
export function arrivalOrder<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, index, key: keys[index % keys.length] ?? 0 }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ item }) => item);
}
