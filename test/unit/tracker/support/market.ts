/**
 * Builders for tracker tests: instants in New York time, bars, recommendations.
 */
import type { PositionSnapshot, PriceBar, Recommendation } from '../../../../streams/tracker/domain/index.ts';

const newYorkClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Epoch ms of a wall-clock time in New York on an ISO date (EST or EDT as the date requires). */
export function newYorkTime(date: string, hour = 16, minute = 0): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  for (const offsetHours of [5, 4]) {
    const candidate = Date.UTC(year, month - 1, day, hour + offsetHours, minute);
    const parts = Object.fromEntries(newYorkClock.formatToParts(candidate).map((p) => [p.type, p.value]));
    const sameDate = `${parts.year}-${parts.month}-${parts.day}` === date;
    if (sameDate && Number(parts.hour) === hour && Number(parts.minute) === minute) return candidate;
  }
  throw new Error(`no New York instant ${date} ${hour}:${minute}`);
}

export interface Prices {
  readonly open?: number;
  readonly high?: number;
  readonly low?: number;
  readonly close: number;
}

/** A daily bar timestamped at the session's 09:30 open in New York. */
export function dailyBar(date: string, prices: Prices, symbol = 'ACME'): PriceBar {
  const { close } = prices;
  const open = prices.open ?? close;
  return {
    symbol,
    interval: '1d',
    timestamp: newYorkTime(date, 9, 30),
    open,
    high: prices.high ?? Math.max(open, close),
    low: prices.low ?? Math.min(open, close),
    close,
    volume: 1_000_000,
  };
}

export function intradayBar(
  date: string,
  hour: number,
  minute: number,
  prices: Prices,
  interval = '5m',
  symbol = 'ACME',
): PriceBar {
  return {
    ...dailyBar(date, prices, symbol),
    interval,
    timestamp: newYorkTime(date, hour, minute),
    volume: 1_000,
  };
}

/** Flat daily bars at `close` on each of `sessions`. */
export function flatBars(sessions: readonly string[], close = 100, symbol = 'ACME'): PriceBar[] {
  return sessions.map((session) => dailyBar(session, { close }, symbol));
}

export function recommendationOf(
  discoveredAt: number,
  discoveryPrice = 100,
  symbol = 'ACME',
): Recommendation {
  return {
    tracking_id: `run-1:${symbol}`,
    run_id: 'run-1',
    symbol,
    discovered_at: discoveredAt,
    discovery_price: discoveryPrice,
  };
}

export function positionOf(entryDate: string | null, quantity = 10, symbol = 'ACME'): PositionSnapshot {
  return { symbol, quantity, entry_date: entryDate };
}
