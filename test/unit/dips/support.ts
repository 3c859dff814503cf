import type { HoldingSnapshot } from '../../../streams/dips/domain/index.ts';
import type { PriceBar } from '../../../streams/tracker/domain/index.ts';
import { openOf, weekdaysFrom } from '../../support/market.ts';

/** The test's own NYSE calendar for spring 2026: weekdays less Good Friday (04-03) and Memorial Day (05-25). */
export const CLOSED = ['2026-04-03', '2026-05-25'];
export const sessionsFrom = (from: string, count: number) => weekdaysFrom(from, count, CLOSED);

/** The 20 sessions 2026-03-02 … 2026-03-27 (no holiday among them). */
export const MARCH = sessionsFrom('2026-03-02', 20);
export const ANALYSED = '2026-03-30';

export function bar(session: string, close: number, volume = 1_000_000, symbol = 'DIP'): PriceBar {
  return {
    symbol,
    interval: '1d',
    timestamp: openOf(session),
    open: close,
    high: close * 1.01,
    low: close * 0.99,
    close,
    volume,
  };
}

export function snapshot(overrides: Partial<HoldingSnapshot> = {}): HoldingSnapshot {
  const entry = Date.parse('2026-03-02T15:00:00Z');
  return {
    symbol: 'DIP',
    quantity: 100,
    avg_entry_price: 50,
    entry_date: entry,
    thesis: 'volume breakout ahead of a catalyst',
    account_equity: 100_000,
    as_of: entry,
    ...overrides,
  };
}

/** March at 50 on a million shares a day: the holding's history before the analysed session. */
export const history = (volume = 1_000_000) => MARCH.map((session) => bar(session, 50, volume));
