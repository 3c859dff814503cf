// Naive wall-clock times (what Python's datetime.now() writes) turned into
// instants, DST-correct, with nothing but Intl's time-zone database.
import { instantOfWallTime, type WallTime, wallTimeOf } from '../../streams/shared/zoned-time.ts';

/** AMC-TRADER's host clock: every naive date and time it writes is in this zone. */
export const UPSTREAM_TIME_ZONE = 'America/Los_Angeles';

export { instantOfWallTime, type WallTime, wallTimeOf };

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function wallTimeFrom(match: RegExpExecArray): WallTime | undefined {
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return valid ? { year, month, day, hour, minute, second } : undefined;
}

/** Parses 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS]' or the same with 'T'; undefined when not such a time. */
export function parseWallTime(text: string): WallTime | undefined {
  const match = NAIVE.exec(text.trim());
  return match ? wallTimeFrom(match) : undefined;
}

export type InstantParse =
  | { readonly ok: true; readonly instant: number }
  | { readonly ok: false; readonly message: string };

/** A naive upstream date/time (America/Los_Angeles) as an instant, with a reason when it is none. */
export function upstreamInstant(text: string): InstantParse {
  const wall = parseWallTime(text);
  if (!wall) return { ok: false, message: `"${text}" is not a date 'YYYY-MM-DD' with an optional time` };
  const instant = instantOfWallTime(wall, UPSTREAM_TIME_ZONE);
  if (instant === undefined) {
    return {
      ok: false,
      message: `"${text}" never showed on a ${UPSTREAM_TIME_ZONE} clock (the spring DST gap)`,
    };
  }
  return { ok: true, instant };
}

/** A time given on the command line: naive America/Los_Angeles, or ISO-8601 with Z or an offset. */
export function parseInstantArgument(text: string): InstantParse {
  if (WITH_OFFSET.test(text.trim())) {
    const instant = Date.parse(text.trim());
    return Number.isFinite(instant)
      ? { ok: true, instant }
      : { ok: false, message: `"${text}" is not a time` };
  }
  const parsed = upstreamInstant(text);
  if (parsed.ok || parseWallTime(text)) return parsed;
  return {
    ok: false,
    message: `"${text}" is neither a naive ${UPSTREAM_TIME_ZONE} time ('2026-03-06 14:18:13') nor ISO-8601 with an offset ('2026-03-06T22:18:13Z')`,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** 'YYYY-MM-DD' of a wall time. */
export const isoDateOfWallTime = (t: WallTime): string => formatWallTime(t).slice(0, 10);

/** The upstream (America/Los_Angeles) date of an instant. */
export const upstreamDateOf = (instant: number): string =>
  isoDateOfWallTime(wallTimeOf(instant, UPSTREAM_TIME_ZONE));

/** 'YYYY-MM-DD HH:MM:SS' of a wall time. */
export function formatWallTime(t: WallTime): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}
