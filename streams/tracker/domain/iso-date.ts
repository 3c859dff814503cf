/**
 * Arithmetic on ISO calendar dates ('YYYY-MM-DD') through whole days since the
 * Unix epoch. Dates carry no time zone: they name an exchange's local day, so
 * all arithmetic is done in UTC where every day has exactly 24 hours.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export class InvalidIsoDateError extends RangeError {
  constructor(readonly value: unknown) {
    super(`expected an ISO date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
    this.name = 'InvalidIsoDateError';
  }
}

/** Days since 1970-01-01 of a valid ISO date; throws InvalidIsoDateError otherwise. */
export function toEpochDay(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new InvalidIsoDateError(date);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const roundTrip = new Date(ms);
  // Date.UTC rolls 2023-02-30 over into March; a round trip exposes that.
  if (roundTrip.getUTCFullYear() !== year || roundTrip.getUTCMonth() !== month - 1) {
    throw new InvalidIsoDateError(date);
  }
  return Math.round(ms / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    toEpochDay(value);
    return true;
  } catch {
    return false;
  }
}

export function isoDateOf(year: number, month: number, day: number): string {
  return fromEpochDay(Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY));
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Signed whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 4) % 7) + 7) % 7) as Weekday;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
