/**
 * A session's bars rolled up as they arrive, so a symbol's state is one small
 * value per session however fine its bars: the winning daily bar, and the
 * aggregate of the finer bars. resolveSessionBars gives the same session bars
 * from the raw bars; the property tests hold the two to each other.
 */
import { classifyInterval, type PriceBar } from './bars.ts';
import type { SessionBar } from './session-bars.ts';

/** The daily bar that stands for the session: the latest-starting one (a correction replaces it). */
export interface DailyPart {
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly timestamp: number;
  readonly interval: string;
}

/** Highest high and lowest low of the finer bars, and the close of the one that ends last. */
export interface IntradayPart {
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Start, end and interval of the bar that set the close (ties: the later start, then the later interval). */
  readonly closeTimestamp: number;
  readonly closeEnd: number;
  readonly closeInterval: string;
}

export interface SessionRollup {
  readonly session: string;
  readonly daily: DailyPart | null;
  readonly intraday: IntradayPart | null;
}

/** A close outside its bar's high–low range widens the range (as in resolveSessionBars). */
const rangeOf = (bar: PriceBar) => ({
  high: Math.max(bar.high, bar.close),
  low: Math.min(bar.low, bar.close),
});

/** Adds a daily bar: it stands for the session unless a later-starting daily bar already does. */
export function rollUpDaily(
  rollup: SessionRollup | undefined,
  session: string,
  bar: PriceBar,
): SessionRollup {
  const current = rollup?.daily ?? null;
  const wins =
    current === null ||
    bar.timestamp > current.timestamp ||
    (bar.timestamp === current.timestamp && bar.interval >= current.interval);
  const daily: DailyPart = {
    ...rangeOf(bar),
    close: bar.close,
    timestamp: bar.timestamp,
    interval: bar.interval,
  };
  return { session, daily: wins ? daily : current, intraday: rollup?.intraday ?? null };
}

/** Adds a finer bar that is not a correction: the aggregate only widens and the close moves to the last bar. */
export function rollUpIntraday(
  rollup: SessionRollup | undefined,
  session: string,
  bar: PriceBar,
): SessionRollup {
  return { session, daily: rollup?.daily ?? null, intraday: mergeIntraday(rollup?.intraday ?? null, bar) };
}

/**
 * The aggregate of a session's finer bars from scratch: what a correction
 * needs, since a corrected bar can narrow the range it had widened.
 */
export function withIntradayBars(
  rollup: SessionRollup | undefined,
  session: string,
  bars: Iterable<PriceBar>,
): SessionRollup {
  let intraday: IntradayPart | null = null;
  for (const bar of bars) intraday = mergeIntraday(intraday, bar);
  return { session, daily: rollup?.daily ?? null, intraday };
}

function mergeIntraday(current: IntradayPart | null, bar: PriceBar): IntradayPart {
  const interval = classifyInterval(bar.interval);
  if (interval.kind !== 'intraday') throw new RangeError(`${bar.interval} is not an intraday interval`);
  const { high, low } = rangeOf(bar);
  const end = bar.timestamp + interval.durationMs;
  const closing = {
    close: bar.close,
    closeTimestamp: bar.timestamp,
    closeEnd: end,
    closeInterval: bar.interval,
  };
  if (current === null) return { high, low, ...closing };
  const takesClose =
    end !== current.closeEnd
      ? end > current.closeEnd
      : bar.timestamp !== current.closeTimestamp
        ? bar.timestamp > current.closeTimestamp
        : bar.interval >= current.closeInterval;
  return {
    high: Math.max(current.high, high),
    low: Math.min(current.low, low),
    ...(takesClose
      ? closing
      : {
          close: current.close,
          closeTimestamp: current.closeTimestamp,
          closeEnd: current.closeEnd,
          closeInterval: current.closeInterval,
        }),
  };
}

/** The session's summary: its daily bar when it has one, else its finer bars' aggregate. */
export function sessionBarOf(rollup: SessionRollup): SessionBar | null {
  const { session, daily, intraday } = rollup;
  if (daily !== null) {
    const { high, low, close, timestamp } = daily;
    return { session, high, low, close, source: 'daily', closeTimestamp: timestamp };
  }
  if (intraday !== null) {
    const { high, low, close, closeTimestamp } = intraday;
    return { session, high, low, close, source: 'intraday', closeTimestamp };
  }
  return null;
}
