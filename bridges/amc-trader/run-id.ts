// One scan, one run id, whichever file it is read from: the scan file and the
// scan log both name a scan by its local date and time, so the id is built
// from those alone and a re-import (or an import of the other file) names the
// same run, which the fanout then recognises.
import { formatWallTime, UPSTREAM_TIME_ZONE, type WallTime, wallTimeOf } from './local-time.ts';

export const RUN_ID_PREFIX = 'amc-trader';

/** 'amc-trader-20260210-164645' for the scan logged at 2026-02-10 16:46:45 (America/Los_Angeles). */
export function runIdOf(scanWallTime: WallTime): string {
  const compact = formatWallTime(scanWallTime).replace(/[-:]/g, '').replace(' ', '-');
  return `${RUN_ID_PREFIX}-${compact}`;
}

/** The run id of a scan that finished at an instant (its upstream wall time, to the second). */
export function runIdAt(instantMs: number): string {
  return runIdOf(wallTimeOf(instantMs, UPSTREAM_TIME_ZONE));
}
