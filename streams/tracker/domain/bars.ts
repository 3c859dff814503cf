/**
 * Price bars as the tracker sees them, and the rule that a later bar with the
 * same symbol, interval and timestamp is a correction replacing the earlier one.
 */

export interface PriceBar {
  readonly symbol: string;
  /** '1d' for daily bars; finer bars such as '1m', '5m', '1h' are aggregated per session. */
  readonly interval: string;
  /** Bar start, epoch milliseconds. */
  readonly timestamp: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export type IntervalKind =
  | { readonly kind: 'daily' }
  | { readonly kind: 'intraday'; readonly durationMs: number }
  | { readonly kind: 'unsupported' };

const INTERVAL = /^(\d+)(m|min|h|d)$/;
const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1_440;

/**
 * Daily is exactly one day; minute and hour intervals shorter than a day are
 * intraday. Anything else (weekly, monthly, multi-day) cannot be pinned to a
 * single session and is not used.
 */
export function classifyInterval(interval: string): IntervalKind {
  const match = INTERVAL.exec(interval.trim().toLowerCase());
  if (!match) return { kind: 'unsupported' };
  const count = Number(match[1]);
  const unit = match[2];
  if (unit === 'd') return count === 1 ? { kind: 'daily' } : { kind: 'unsupported' };
  const minutes = unit === 'h' ? count * 60 : count;
  if (minutes < 1 || minutes >= MINUTES_PER_DAY) return { kind: 'unsupported' };
  return { kind: 'intraday', durationMs: minutes * MS_PER_MINUTE };
}

export function barKey(bar: Pick<PriceBar, 'symbol' | 'interval' | 'timestamp'>): string {
  return `${bar.symbol}|${bar.interval}|${bar.timestamp}`;
}

/**
 * Why a bar cannot be used, or null when it can. The stream runtime should
 * dead-letter such bars; the evaluation ignores them rather than guess.
 */
export function barProblem(bar: PriceBar): string | null {
  if (typeof bar.symbol !== 'string' || bar.symbol.trim() === '') return 'empty symbol';
  if (!Number.isFinite(bar.timestamp)) return 'timestamp is not finite';
  if (classifyInterval(bar.interval).kind === 'unsupported') return `unsupported interval ${bar.interval}`;
  for (const field of ['open', 'high', 'low', 'close'] as const) {
    const price = bar[field];
    if (!Number.isFinite(price) || price <= 0) return `${field} must be a positive finite price`;
  }
  if (bar.low > bar.high) return 'low is above high';
  return null;
}

/**
 * The bars with corrections applied: for each key the last bar in `bars`
 * (arrival order) wins. Result is in a canonical order (timestamp, interval),
 * so evaluation never depends on how distinct bars arrived.
 */
export function applyCorrections(bars: readonly PriceBar[]): PriceBar[] {
  const latest = new Map<string, PriceBar>();
  for (const bar of bars) latest.set(barKey(bar), bar);
  return [...latest.values()].sort(compareBars);
}

/** Adds one arriving bar to a symbol's stored history, replacing the bar it corrects. */
export function recordBar(history: readonly PriceBar[], bar: PriceBar): PriceBar[] {
  return applyCorrections([...history, bar]);
}

function compareBars(a: PriceBar, b: PriceBar): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.interval !== b.interval) return a.interval < b.interval ? -1 : 1;
  return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
}
