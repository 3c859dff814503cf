/**
 * Every case of the runtime benchmark is timed the same way: from the moment
 * its first records arrive to the moment the last is done. That is the rate a
 * long run sustains (a backfill of a year of bars runs for hours); what comes
 * before the first record (joining the group, opening and fencing tasks, the
 * first fetch) is a one-off, reported on its own as the startup.
 */
export interface Timing {
  /** Records per second from the first record to the last. */
  readonly rate: number;
  /** From the start of the case to its first record. */
  readonly startupMs: number;
}

export interface RunClock {
  /** Records arrived; the first call starts the rate's clock. */
  seen(): void;
  /** `records` are done now. */
  done(records: number): Timing;
}

export function runClock(): RunClock {
  const began = performance.now();
  let first: number | undefined;
  return {
    seen() {
      first ??= performance.now();
    },
    done(records) {
      const end = performance.now();
      const from = first ?? began;
      return { rate: (records / (end - from)) * 1000, startupMs: from - began };
    },
  };
}
