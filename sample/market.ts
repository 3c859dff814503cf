/**
 * A realistic sample market, seeded and deterministic: daily bars on the
 * exchange calendar, a discovery run after each session, and a portfolio
 * that follows the runs. The same options give the same records.
 */
import type { DiscoveryRun, MarketBar, PositionSnapshot } from '../schemas/types.generated.ts';
import { type ExchangeCalendar, NYSE_CALENDAR } from '../streams/tracker/domain/index.ts';
import { discoveryRunOf } from './discovery.ts';
import { type SampleOptions, startEndingBefore } from './options.ts';
import { portfolioSnapshots } from './portfolio.ts';
import { symbolPath } from './prices.ts';
import { draws, tickers } from './random.ts';

export interface SampleMarket {
  readonly options: SampleOptions;
  readonly sessions: readonly string[];
  /** Each input in event-time order. */
  readonly runs: readonly DiscoveryRun[];
  readonly bars: readonly MarketBar[];
  readonly positions: readonly PositionSnapshot[];
  /** The symbol halted for three sessions and the one delisted, for the curious. */
  readonly halted: string;
  readonly delisted: string;
}

export function sessionsFrom(
  start: string,
  count: number,
  calendar: ExchangeCalendar = NYSE_CALENDAR,
): string[] {
  const sessions = [calendar.sessionOnOrAfter(start)];
  while (sessions.length < count) sessions.push(calendar.nextSession(sessions[sessions.length - 1]!));
  return sessions;
}

/**
 * `nowMs` places a history without a start date: it ends with the last full
 * session before it. The sessions and the local times of the records are the
 * calendar's, so the sample trades when the job's configured exchange does.
 */
export function generateSampleMarket(
  options: SampleOptions,
  nowMs: number = Date.now(),
  calendar: ExchangeCalendar = NYSE_CALENDAR,
): SampleMarket {
  const sessions = sessionsFrom(
    options.start ?? startEndingBefore(nowMs, options.sessions, calendar),
    options.sessions,
    calendar,
  );
  const { timeZone } = calendar;
  const random = draws(`amc-learning-sample:${options.seed}`);
  const symbols = tickers(options.symbols, random);
  const [halted, delisted] = [symbols[1]!, symbols[2]!];
  const paths = symbols.map((symbol) =>
    symbolPath(
      symbol,
      sessions,
      random,
      {
        ...(symbol === halted ? { haltedFrom: Math.floor(sessions.length / 3) } : {}),
        ...(symbol === delisted ? { delistedAfter: Math.floor(sessions.length * 0.6) } : {}),
      },
      timeZone,
    ),
  );
  const runsBySession = new Map<number, DiscoveryRun>();
  for (const [k, session] of sessions.entries()) {
    const run = discoveryRunOf(session, k, paths, options.candidatesPerRun, random, timeZone);
    if (run) runsBySession.set(k, run);
  }
  const bars: MarketBar[] = [];
  for (let k = 0; k < sessions.length; k++)
    for (const path of paths) if (path.bars[k]) bars.push(path.bars[k]!);
  return {
    options,
    sessions,
    runs: [...runsBySession.values()],
    bars,
    positions: portfolioSnapshots(sessions, paths, runsBySession, random, timeZone).sort(
      (a, b) => a.as_of - b.as_of,
    ),
    halted,
    delisted,
  };
}
