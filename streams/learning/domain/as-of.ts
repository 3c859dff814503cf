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

/** The highest version known before `instant`, if any. */
export function versionAsOf<T extends Versioned>(history: readonly T[], instant: number): T | undefined {
  let found: T | undefined;
  for (const v of history)
    if (v.as_of < instant && (found === undefined || v.version > found.version)) found = v;
  return found;
}
