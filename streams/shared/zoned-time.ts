/**
 * Wall-clock times of a time zone and the instants they name, DST-correct,
 * with nothing but Intl's time-zone database.
 */

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall time an instant shows in a zone. */
export function wallTimeOf(instantMs: number, timeZone: string): WallTime {
  const parts = formatterOf(timeZone).formatToParts(instantMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

const asUtc = (t: WallTime) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

/**
 * The instant a zone's clock showed `wall`. In the autumn hour that repeats
 * the earlier instant is taken (Python's fold=0); a time inside the spring
 * gap never showed on that clock and gives undefined.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number | undefined {
  const target = asUtc(wall);
  // offset(t) = wall(t) - t; the answer is target - offset, with the offset taken near the answer.
  const candidates = new Set<number>();
  for (const probe of [target - 14 * 3_600_000, target + 14 * 3_600_000, target]) {
    const offset = asUtc(wallTimeOf(probe, timeZone)) - probe;
    candidates.add(target - offset);
  }
  const matching = [...candidates].filter((instant) => asUtc(wallTimeOf(instant, timeZone)) === target);
  return matching.length === 0 ? undefined : Math.min(...matching);
}

/** The instant of a local date (YYYY-MM-DD) and time of day in a zone (the earlier one in a repeated hour). */
export function instantAtLocal(date: string, hour: number, minute: number, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = { year, month, day, hour, minute, second: 0 };
  const instant = instantOfWallTime(wall, timeZone);
  if (instant === undefined) throw new RangeError(`${date} ${hour}:${minute} does not occur in ${timeZone}`);
  return instant;
}
