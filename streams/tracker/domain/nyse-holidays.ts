/**
 * NYSE full-day holidays, computed by rule for any year so that every partition
 * derives the same calendar without a shared table. Early closes are still
 * sessions and are not listed. The rules are the modern ones (Monday holidays
 * since 1971); years before that are not modelled more precisely.
 */
import { addDays, isoDateOf, weekdayOf } from './iso-date.ts';

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;

/** First year the NYSE closed for Martin Luther King Jr. Day. */
const FIRST_MLK_DAY_CLOSURE = 1998;
/** First year the NYSE closed for Juneteenth. */
const FIRST_JUNETEENTH_CLOSURE = 2022;

/**
 * Unscheduled full-day closures (national days of mourning, emergencies). They
 * cannot be derived by rule, so they are listed; the default calendar includes them.
 */
export const NYSE_SPECIAL_CLOSURES: readonly string[] = Object.freeze([
  '1994-04-27', // President Nixon's funeral
  '2001-09-11', // September 11 attacks
  '2001-09-12',
  '2001-09-13',
  '2001-09-14',
  '2004-06-11', // President Reagan's funeral
  '2007-01-02', // President Ford's national day of mourning
  '2012-10-29', // Hurricane Sandy
  '2012-10-30',
  '2018-12-05', // President G. H. W. Bush's national day of mourning
  '2025-01-09', // President Carter's national day of mourning
]);

/** Easter Sunday of a Gregorian year (anonymous Gregorian computus). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDateOf(year, month, day);
}

function nthWeekdayOf(year: number, month: number, weekday: number, n: number): string {
  const first = isoDateOf(year, month, 1);
  const offset = (weekday - weekdayOf(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

function lastWeekdayOf(year: number, month: number, weekday: number): string {
  const last = addDays(isoDateOf(year, month + 1, 1), -1);
  const offset = (weekdayOf(last) - weekday + 7) % 7;
  return addDays(last, -offset);
}

/** A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
function observed(date: string): string {
  const weekday = weekdayOf(date);
  if (weekday === SATURDAY) return addDays(date, -1);
  if (weekday === SUNDAY) return addDays(date, 1);
  return date;
}

/** The NYSE's rule-based full-day holidays of one year, in date order. */
export function nyseHolidaysOf(year: number): string[] {
  const holidays: string[] = [];
  const newYearsDay = isoDateOf(year, 1, 1);
  // NYSE rule 7.2: no Friday closure on Dec 31 when Jan 1 is a Saturday.
  if (weekdayOf(newYearsDay) !== SATURDAY) holidays.push(observed(newYearsDay));
  if (year >= FIRST_MLK_DAY_CLOSURE) holidays.push(nthWeekdayOf(year, 1, MONDAY, 3));
  holidays.push(nthWeekdayOf(year, 2, MONDAY, 3)); // Washington's Birthday
  holidays.push(addDays(easterSunday(year), -2)); // Good Friday
  holidays.push(lastWeekdayOf(year, 5, MONDAY)); // Memorial Day
  if (year >= FIRST_JUNETEENTH_CLOSURE) holidays.push(observed(isoDateOf(year, 6, 19)));
  holidays.push(observed(isoDateOf(year, 7, 4))); // Independence Day
  holidays.push(nthWeekdayOf(year, 9, MONDAY, 1)); // Labor Day
  holidays.push(nthWeekdayOf(year, 11, THURSDAY, 4)); // Thanksgiving
  holidays.push(observed(isoDateOf(year, 12, 25))); // Christmas
  return holidays.sort();
}
