/**
 * When weekly cycles fall, by the wall clock of a time zone, DST included:
 * Monday 07:00 in New York is 12:00 UTC in winter and 11:00 UTC in summer.
 * Pure: instants in, instants out; nothing here reads the current time.
 */
import type { WeeklySchedule } from './config.ts';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The local wall-clock reading of an instant, as if it were UTC (epoch ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const seconds = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return seconds + (((instant % 1000) + 1000) % 1000);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDateOf(instant: number, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant a local date and time of day names. A time skipped by a DST
 * change (02:30 on the spring-forward night) is read with the offset in
 * force before the change, which lands just after it; a time that occurs
 * twice (01:30 in the autumn) is the earlier one.
 */
export function zonedInstant(date: string, msOfDay: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + msOfDay;
  if (Number.isNaN(wall)) throw new RangeError(`not a local date: ${JSON.stringify(date)}`);
  const offsetBefore = wallClock(wall - DAY_MS, timeZone) - (wall - DAY_MS);
  const offsetAfter = wallClock(wall + DAY_MS, timeZone) - (wall + DAY_MS);
  const fits = [wall - offsetBefore, wall - offsetAfter].filter((t) => wallClock(t, timeZone) === wall);
  return fits.length > 0 ? Math.min(...fits) : wall - offsetBefore;
}

/** The same local time of day `days` calendar days earlier (a window start, DST-correct). */
export function localDaysBefore(instant: number, days: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const msOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  const date = new Date(wall - msOfDay - days * DAY_MS).toISOString().slice(0, 10);
  return zonedInstant(date, msOfDay, timeZone);
}

/** The first scheduled instant strictly after `after`. */
export function nextScheduledCycle(after: number, schedule: WeeklySchedule): number {
  const msOfDay = (schedule.hour * 60 + schedule.minute) * 60_000;
  const today = Date.parse(`${localDateOf(after, schedule.timeZone)}T00:00:00Z`);
  for (let day = 0; day <= 7; day++) {
    const date = new Date(today + day * DAY_MS);
    if (date.getUTCDay() !== schedule.weekday) continue;
    const instant = zonedInstant(date.toISOString().slice(0, 10), msOfDay, schedule.timeZone);
    if (instant > after) return instant;
  }
  // Eight consecutive days hold the weekday once, or twice a week apart when the first is past.
  throw new Error(`no ${schedule.weekday} weekday within eight days of ${after}`);
}

/** Identifier of a scheduled cycle: its local date, unique for a weekly schedule. */
export function scheduledCycleId(instant: number, timeZone: string): string {
  return `weekly-${localDateOf(instant, timeZone)}`;
}
