/**
 * The exchange calendar with its answers remembered. The validator asks the
 * same questions on every record of a symbol (the session of each bar it
 * keeps, the sessions before each of them), and the calendar answers by
 * time-zone conversion and day-by-day stepping. The answers never change, so
 * they are kept, up to a bound past which the memory starts over.
 */
import type { ExchangeCalendar } from '../../tracker/domain/index.ts';

function remember<A extends unknown[], R>(answer: (...args: A) => R, limit: number): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args: A) => {
    const key = args.join('|');
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    if (known.size >= limit) known.clear();
    const result = answer(...args);
    known.set(key, result);
    return result;
  };
}

export function rememberingCalendar(calendar: ExchangeCalendar, limit = 100_000): ExchangeCalendar {
  return Object.freeze({
    ...calendar,
    isSession: remember(calendar.isSession, limit),
    nextSession: remember(calendar.nextSession, limit),
    previousSession: remember(calendar.previousSession, limit),
    nthSessionAfter: remember(calendar.nthSessionAfter, limit),
    sessionCountBetween: remember(calendar.sessionCountBetween, limit),
    sessionDateOf: remember(calendar.sessionDateOf, limit),
  });
}
