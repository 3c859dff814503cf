/**
 * The tracker's bar history as keyed store entries, so a bar costs the same
 * however long the history is:
 * - `sessions`: one rolled-up value per symbol and session (`<symbol>|<session>`),
 *   the winning daily bar and the aggregate of the finer bars;
 * - `intraday`: each finer bar (`<symbol>|<session>|<timestamp>|<interval>`),
 *   kept while its session is, so that a correction can be rolled up again.
 * A correction of a finer bar already rolled up replaces the bar and
 * recomputes its session's aggregate from the session's finer bars (a range
 * read of at most a session's worth): the answer is the one the raw bars give.
 * Symbols are URI-encoded in keys so a '|' in one cannot reach another's range.
 */
import type { JsonValue, KeyValueStore } from '../runtime/types.ts';
import {
  classifyInterval,
  type ExchangeCalendar,
  type PriceBar,
  rollUpDaily,
  rollUpIntraday,
  type SessionBar,
  type SessionRollup,
  sessionBarOf,
  withIntradayBars,
} from './domain/index.ts';

/** What is kept of a finer bar: enough to roll its session up again. */
export type StoredBar = Pick<PriceBar, 'interval' | 'timestamp' | 'high' | 'low' | 'close'>;

const prefixOf = (symbol: string) => `${encodeURIComponent(symbol)}|`;
/** The first string above every key starting with `prefix` ('|' + 1 is '}'). */
const endOf = (prefix: string) => `${prefix.slice(0, -1)}}`;
export const sessionKey = (symbol: string, session: string) => `${prefixOf(symbol)}${session}`;
const barKey = (symbol: string, session: string, bar: StoredBar) =>
  `${sessionKey(symbol, session)}|${String(bar.timestamp).padStart(15, '0')}|${bar.interval}`;

export interface SessionWindow {
  /** Session bars from `from` to `to` inclusive. */
  readonly sessionBars: Map<string, SessionBar>;
  /** Their sessions ascending, with the nearest session with a bar before and after the window. */
  readonly barSessions: string[];
}

export class BarHistory {
  constructor(
    private readonly sessions: KeyValueStore<SessionRollup & JsonValue>,
    private readonly intraday: KeyValueStore<StoredBar & JsonValue>,
    private readonly calendar: ExchangeCalendar,
  ) {}

  /** Adds a usable bar (see barProblem); a bar on a date without a session is not kept. */
  add(bar: PriceBar): void {
    const session = this.calendar.sessionDateOf(bar.timestamp);
    if (!this.calendar.isSession(session)) return;
    const key = sessionKey(bar.symbol, session);
    const rollup = this.sessions.get(key);
    if (classifyInterval(bar.interval).kind === 'daily') {
      this.sessions.put(key, rollUpDaily(rollup, session, bar) as SessionRollup & JsonValue);
      return;
    }
    const stored: StoredBar = {
      interval: bar.interval,
      timestamp: bar.timestamp,
      high: bar.high,
      low: bar.low,
      close: bar.close,
    };
    const own = barKey(bar.symbol, session, stored);
    const correction = this.intraday.has(own);
    this.intraday.put(own, stored as StoredBar & JsonValue);
    const next = correction
      ? withIntradayBars(rollup, session, this.finerBars(bar.symbol, session))
      : rollUpIntraday(rollup, session, bar);
    this.sessions.put(key, next as SessionRollup & JsonValue);
  }

  private *finerBars(symbol: string, session: string): IterableIterator<PriceBar> {
    const prefix = `${sessionKey(symbol, session)}|`;
    for (const [, value] of this.intraday.range(prefix, endOf(prefix))) {
      const bar = value as StoredBar;
      yield { ...bar, symbol, open: bar.close, volume: 0 };
    }
  }

  /** What an evaluation of a window from `from` to `to` (sessions, inclusive) needs. */
  window(symbol: string, from: string, to: string): SessionWindow {
    const prefix = prefixOf(symbol);
    const sessionBars = new Map<string, SessionBar>();
    for (const [, rollup] of this.sessions.range(
      sessionKey(symbol, from),
      `${sessionKey(symbol, to)}\u0000`,
    )) {
      const bar = sessionBarOf(rollup);
      if (bar !== null) sessionBars.set(bar.session, bar);
    }
    const barSessions = [...sessionBars.keys()];
    const before = this.sessions.range(prefix, sessionKey(symbol, from), { reverse: true }).next();
    if (!before.done) barSessions.unshift(before.value[1].session);
    const after = this.sessions.range(`${sessionKey(symbol, to)}\u0000`, endOf(prefix)).next();
    if (!after.done) barSessions.push(after.value[1].session);
    return { sessionBars, barSessions };
  }

  /** Forgets the symbol's sessions before `session`, with their finer bars. */
  forgetBefore(symbol: string, session: string): void {
    const prefix = prefixOf(symbol);
    const old = [...this.sessions.range(prefix, sessionKey(symbol, session))];
    for (const [key, rollup] of old) {
      this.sessions.delete(key);
      const bars = `${sessionKey(symbol, rollup.session)}|`;
      for (const [barKey] of [...this.intraday.range(bars, endOf(bars))]) this.intraday.delete(barKey);
    }
  }
}
