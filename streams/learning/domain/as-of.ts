/**
 * Versions of one record as they became known, so a cycle can read the
 * version in force at its own instant: records a little later than the
 * cycle (within its grace) must not leak into it, whatever order they
 * arrived in.
 */
export interface Versioned {
  readonly version: number;
  /** Event time from which this version was known. */
  readonly as_of: number;
}

/**
 * Adds a version (a version already held is ignored: replays count once)
 * and drops versions no cycle can read any more: of those known before
 * `horizon`, only the newest is kept. Sorted by version.
 */
export function addVersion<T extends Versioned>(history: readonly T[], next: T, horizon: number): T[] {
  const versions = history.some((v) => v.version === next.version)
    ? [...history]
    : [...history, next].sort((a, b) => a.version - b.version);
  const settled = versions.filter((v) => v.as_of < horizon);
  const newestSettled = settled[settled.length - 1];
  return versions.filter((v) => v.as_of >= horizon || v === newestSettled);
}

/**
 * When a version of an outcome counts as known. The tracker stamps an
 * outcome with the latest bar it reflects, so the same final outcome carries
 * the day-30 bar's time live but the last bar's time in a backfill that sent
 * every bar first. The first final version therefore counts from the end of
 * its day-30 session, which both agree on; later versions (restatements) and
 * non-final ones from their own time.
 */
export function outcomeKnownFrom(
  history: readonly { readonly version: number; readonly final: boolean }[],
  fact: {
    readonly version: number;
    readonly final: boolean;
    readonly as_of: number;
    readonly settled_at: number | null;
  },
): number {
  const firstFinal = fact.final && !history.some((v) => v.final && v.version < fact.version);
  return firstFinal && fact.settled_at !== null ? fact.settled_at : fact.as_of;
}

/** The highest version known before `instant`, if any. */
export function versionAsOf<T extends Versioned>(history: readonly T[], instant: number): T | undefined {
  let found: T | undefined;
  for (const v of history)
    if (v.as_of < instant && (found === undefined || v.version > found.version)) found = v;
  return found;
}
