/**
 * Date ranges of the range queries: whole UTC days, `to` included. Missing
 * ends default relative to today; a range is capped so that no request can
 * ask ClickHouse to scan the whole history.
 */
import { ApiError } from '../errors.ts';

const DAY_MS = 86_400_000;
/** Nothing the system tracks is older than 1990 (schemas/event-time.ts), and DateTime ends in 2105. */
const EARLIEST_DAY = Date.UTC(1990, 0, 1);
const LATEST_DAY = Date.UTC(2100, 11, 31);

export interface DayRange {
  /** First instant included, epoch ms (midnight UTC of `from`). */
  readonly startMs: number;
  /** First instant excluded, epoch ms (midnight UTC after `to`). */
  readonly endMs: number;
  readonly from: string;
  readonly to: string;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

export function resolveDayRange(
  query: { readonly from?: string | undefined; readonly to?: string | undefined },
  options: { readonly now: number; readonly defaultDays: number; readonly maxDays: number },
): DayRange {
  const toStart = query.to === undefined ? dayStart(options.now) : Date.parse(`${query.to}T00:00:00Z`);
  const fromStart =
    query.from === undefined
      ? toStart - (options.defaultDays - 1) * DAY_MS
      : Date.parse(`${query.from}T00:00:00Z`);
  if (!Number.isFinite(toStart) || !Number.isFinite(fromStart)) {
    throw new ApiError('INVALID_REQUEST', 'from and to must be dates (YYYY-MM-DD)');
  }
  if (fromStart < EARLIEST_DAY || toStart > LATEST_DAY) {
    throw new ApiError('INVALID_RANGE', 'dates must lie between 1990-01-01 and 2100-12-31');
  }
  if (fromStart > toStart)
    throw new ApiError('INVALID_RANGE', `from ${isoDay(fromStart)} is after to ${isoDay(toStart)}`);
  const days = (toStart - fromStart) / DAY_MS + 1;
  if (days > options.maxDays) {
    throw new ApiError(
      'INVALID_RANGE',
      `the range spans ${days} days; at most ${options.maxDays} are allowed`,
    );
  }
  return { startMs: fromStart, endMs: toStart + DAY_MS, from: isoDay(fromStart), to: isoDay(toStart) };
}

/** The last `days` days up to now: [now - days, now]. */
export function lastDays(now: number, days: number): { readonly startMs: number; readonly endMs: number } {
  return { startMs: now - days * DAY_MS, endMs: now + 1 };
}
