/**
 * One price summary per session from a symbol's bars: the daily bar when there
 * is one, else the session's finer bars aggregated (highest high, lowest low,
 * close of the last bar).
 */
import { applyCorrections, barProblem, classifyInterval, type PriceBar } from './bars.ts';
import type { ExchangeCalendar } from './calendar.ts';

export interface SessionBar {
  readonly session: string;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Whether a daily bar or aggregated finer bars stand for the session. */
  readonly source: 'daily' | 'intraday';
  /** Timestamp of the bar that set the close. */
  readonly closeTimestamp: number;
}

interface IntradayAggregate {
  high: number;
  low: number;
  close: number;
  closeTimestamp: number;
  lastEnd: number;
}

/**
 * A bar's close outside its high–low range would let a checkpoint price beat
 * the peak; the range is widened to include the close instead.
 */
function rangeOf(bar: PriceBar): { high: number; low: number } {
  return { high: Math.max(bar.high, bar.close), low: Math.min(bar.low, bar.close) };
}

/**
 * Session summaries keyed by session date. Bars are assigned to the
 * exchange-local date of their timestamp; bars that fall on a date without a
 * session, belong to another symbol or are unusable are left out. When two
 * daily bars land on the same session, the one with the later timestamp wins.
 */
export function resolveSessionBars(
  symbol: string,
  bars: readonly PriceBar[],
  calendar: ExchangeCalendar,
): Map<string, SessionBar> {
  const daily = new Map<string, SessionBar>();
  const intraday = new Map<string, IntradayAggregate>();
  for (const bar of applyCorrections(bars)) {
    if (bar.symbol !== symbol || barProblem(bar) !== null) continue;
    const session = calendar.sessionDateOf(bar.timestamp);
    if (!calendar.isSession(session)) continue;
    const interval = classifyInterval(bar.interval);
    const { high, low } = rangeOf(bar);
    if (interval.kind === 'daily') {
      const current = daily.get(session);
      if (!current || bar.timestamp >= current.closeTimestamp) {
        daily.set(session, {
          session,
          high,
          low,
          close: bar.close,
          source: 'daily',
          closeTimestamp: bar.timestamp,
        });
      }
    } else if (interval.kind === 'intraday') {
      const end = bar.timestamp + interval.durationMs;
      const current = intraday.get(session);
      if (!current) {
        intraday.set(session, { high, low, close: bar.close, closeTimestamp: bar.timestamp, lastEnd: end });
        continue;
      }
      current.high = Math.max(current.high, high);
      current.low = Math.min(current.low, low);
      // Bars arrive sorted by timestamp, so on equal end times the later-starting (finer) bar wins.
      if (end >= current.lastEnd) {
        current.close = bar.close;
        current.closeTimestamp = bar.timestamp;
        current.lastEnd = end;
      }
    }
  }
  const sessions = new Map<string, SessionBar>(daily);
  for (const [session, aggregate] of intraday) {
    if (sessions.has(session)) continue;
    const { high, low, close, closeTimestamp } = aggregate;
    sessions.set(session, { session, high, low, close, source: 'intraday', closeTimestamp });
  }
  return sessions;
}
