/**
 * An exchange calendar: which ISO dates are trading sessions, and the session
 * arithmetic the tracker counts checkpoints in. Pure and deterministic: the
 * holiday rules and the time zone are the only inputs.
 */
import { addDays, daysBetween, isIsoDate, toEpochDay, weekdayOf, yearOf } from './iso-date.ts';
import { NYSE_SPECIAL_CLOSURES, nyseHolidaysOf } from './nyse-holidays.ts';

export const NYSE_TIME_ZONE = 'America/New_York';

/** How long a search for a session may run before the calendar is declared broken. */
const MAX_DAYS_WITHOUT_SESSION = 366;

export interface ExchangeCalendarOptions {
  /** IANA time zone the exchange's dates are read in. Default America/New_York. */
  readonly timeZone?: string;
  /**
   * `'nyse'` (default): NYSE holidays by rule plus the listed special closures.
   * A list of ISO dates replaces the rules entirely: only those dates (and weekends) are closed.
   */
  readonly holidays?: 'nyse' | readonly string[];
  /** Further closures added to whichever holiday set is in force. */
  readonly extraClosures?: readonly string[];
}

export interface ExchangeCalendar {
  readonly timeZone: string;
  /** True when the exchange trades on that date. */
  isSession(date: string): boolean;
  /** The first session strictly after `date`. */
  nextSession(date: string): string;
  /** The last session strictly before `date`. */
  previousSession(date: string): string;
  /** `date` itself when it is a session, else the next session. */
  sessionOnOrAfter(date: string): string;
  /** `date` itself when it is a session, else the previous session. */
  sessionOnOrBefore(date: string): string;
  /** The `n`th session strictly after `date` (n > 0), before it (n < 0), or `date` itself (n = 0). */
  nthSessionAfter(date: string, n: number): string;
  /** The sessions from `start` to `end`, both inclusive, in order; empty when `end` < `start`. */
  sessionsBetween(start: string, end: string): string[];
  /**
   * Sessions in (from, to], negated when `to` is earlier (then sessions in (to, from]).
   * `sessionCountBetween(d, nthSessionAfter(d, n)) === n` for n >= 0, and for any n when d is a session.
   */
  sessionCountBetween(from: string, to: string): number;
  /** Signed calendar days from `from` to `to`. */
  calendarDaysBetween(from: string, to: string): number;
  /** The exchange-local date of an instant (DST handled by the time zone database). */
  sessionDateOf(timestampMs: number): string;
}

function requireDates(dates: readonly string[], option: string): void {
  for (const date of dates) {
    if (!isIsoDate(date)) {
      throw new RangeError(
        `calendar option ${option}: ${JSON.stringify(date)} is not an ISO date 'YYYY-MM-DD'`,
      );
    }
  }
}

function localDateFormatter(timeZone: string): (timestampMs: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    throw new RangeError(`calendar option timeZone: unknown time zone ${JSON.stringify(timeZone)}`);
  }
  // Every time zone's offset since 1970 is a whole number of quarter hours, so all instants of one quarter
  // hour share a local date: formatting (slow) happens once per quarter hour seen.
  const byQuarterHour = memo<number, string>();
  return (timestampMs) => {
    if (!Number.isFinite(timestampMs)) throw new RangeError(`not a finite timestamp: ${timestampMs}`);
    return byQuarterHour(Math.floor(timestampMs / QUARTER_HOUR_MS), (quarter) => {
      const parts = format.formatToParts(quarter * QUARTER_HOUR_MS);
      const part = (type: Intl.DateTimeFormatPartTypes): string =>
        parts.find((p) => p.type === type)?.value ?? '';
      return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
    });
  };
}

const QUARTER_HOUR_MS = 900_000;
/** Entries a calendar cache keeps before it starts again: far more dates than a tracking window spans. */
const MEMO_LIMIT = 100_000;

/**
 * A cache of a pure function's answers. The calendar's arithmetic walks
 * dates one day at a time and every evaluation asks the same questions.
 */
function memo<K, V>(): (key: K, compute: (key: K) => V) => V {
  const cache = new Map<K, V>();
  return (key, compute) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
}

export function createExchangeCalendar(options: ExchangeCalendarOptions = {}): ExchangeCalendar {
  const timeZone = options.timeZone ?? NYSE_TIME_ZONE;
  const holidayOption = options.holidays ?? 'nyse';
  const extraClosures = options.extraClosures ?? [];
  requireDates(extraClosures, 'extraClosures');
  if (holidayOption !== 'nyse') requireDates(holidayOption, 'holidays');
  const sessionDateOf = localDateFormatter(timeZone);

  const listedClosures = new Set<string>([
    ...(holidayOption === 'nyse' ? NYSE_SPECIAL_CLOSURES : holidayOption),
    ...extraClosures,
  ]);
  const ruleHolidaysByYear = new Map<number, ReadonlySet<string>>();
  const ruleHolidaysOf = (year: number): ReadonlySet<string> => {
    let holidays = ruleHolidaysByYear.get(year);
    if (!holidays) {
      holidays = new Set(holidayOption === 'nyse' ? nyseHolidaysOf(year) : []);
      ruleHolidaysByYear.set(year, holidays);
    }
    return holidays;
  };

  const sessionMemo = memo<string, boolean>();
  const isSession = (date: string): boolean =>
    sessionMemo(date, () => {
      const weekday = weekdayOf(date);
      if (weekday === 0 || weekday === 6) return false;
      return !listedClosures.has(date) && !ruleHolidaysOf(yearOf(date)).has(date);
    });

  const nextMemo = memo<string, string>();
  const previousMemo = memo<string, string>();
  const step = (date: string, direction: 1 | -1): string =>
    (direction === 1 ? nextMemo : previousMemo)(date, () => {
      let candidate = date;
      for (let i = 0; i < MAX_DAYS_WITHOUT_SESSION; i += 1) {
        candidate = addDays(candidate, direction);
        if (isSession(candidate)) return candidate;
      }
      throw new RangeError(`no session within ${MAX_DAYS_WITHOUT_SESSION} days of ${date}`);
    });

  const nextSession = (date: string): string => step(date, 1);
  const previousSession = (date: string): string => step(date, -1);

  const nthSessionAfter = (date: string, n: number): string => {
    if (!Number.isInteger(n)) throw new RangeError(`session count must be an integer, got ${n}`);
    toEpochDay(date);
    let current = date;
    for (let i = 0; i < Math.abs(n); i += 1) current = step(current, n > 0 ? 1 : -1);
    return current;
  };

  const sessionsBetween = (start: string, end: string): string[] => {
    const sessions: string[] = [];
    if (daysBetween(start, end) < 0) return sessions;
    for (let date = start; date <= end; date = addDays(date, 1)) {
      if (isSession(date)) sessions.push(date);
    }
    return sessions;
  };

  const countMemo = memo<string, number>();
  const sessionCountBetween = (from: string, to: string): number =>
    countMemo(`${from}/${to}`, () => {
      const span = daysBetween(from, to);
      if (span === 0) return 0;
      const [earlier, later] = span > 0 ? [from, to] : [to, from];
      const count = sessionsBetween(addDays(earlier, 1), later).length;
      return span > 0 || count === 0 ? count : -count;
    });

  return Object.freeze({
    timeZone,
    isSession,
    nextSession,
    previousSession,
    sessionOnOrAfter: (date: string) => (isSession(date) ? date : nextSession(date)),
    sessionOnOrBefore: (date: string) => (isSession(date) ? date : previousSession(date)),
    nthSessionAfter,
    sessionsBetween,
    sessionCountBetween,
    calendarDaysBetween: daysBetween,
    sessionDateOf,
  });
}

/** The default calendar: NYSE holidays and special closures, America/New_York. */
export const NYSE_CALENDAR: ExchangeCalendar = createExchangeCalendar();
