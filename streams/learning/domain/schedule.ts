/**
 * When weekly cycles fall, by the wall clock of a time zone, DST included:
 * Monday 07:00 in New York is 12:00 UTC in winter and 11:00 UTC in summer.
 * Pure: instants in, instants out; nothing here reads the current time.
 */
import { instantOfWallTime, type WallTime, wallTimeOf } from '../../shared/zoned-time.ts';
import type { WeeklySchedule } from './config.ts';

const DAY_MS = 86_400_000;

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const millisOf = (instant: number) => ((instant % 1000) + 1000) % 1000;

/** The local wall-clock reading of an instant, as if it were UTC (epoch ms). */
function wallClock(instant: number, timeZone: string): number {
  return asUtc(wallTimeOf(instant, timeZone)) + millisOf(instant);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDateOf(instant: number, timeZone: string): string {
  const wall = wallTimeOf(instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/**
 * The instant a local date and time of day names. A time skipped by a DST
 * change (02:30 on the spring-forward night) is read with the offset in
 * force before the change, which lands just after it; a time that occurs
 * twice (01:30 in the autumn) is the earlier one.
 */
export function zonedInstant(date: string, msOfDay: number, timeZone: string): number {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight)) throw new RangeError(`not a local date: ${JSON.stringify(date)}`);
  const seconds = Math.floor(msOfDay / 1000);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = {
    year,
    month,
    day,
    hour: Math.floor(seconds / 3600),
    minute: Math.floor((seconds % 3600) / 60),
    second: seconds % 60,
  };
  const found = instantOfWallTime(wall, timeZone);
  if (found !== undefined) return found + (msOfDay % 1000);
  // In the spring gap: read with the offset in force the day before, which lands just after the change.
  const dayBefore = midnight - DAY_MS;
  return midnight + msOfDay - (wallClock(dayBefore, timeZone) - dayBefore);
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
