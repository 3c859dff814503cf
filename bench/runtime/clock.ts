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

/**
 * `label`: the window from the first record to the last is also logged as
 * the phase "<label> steady", so a profile can be read without the startup.
 */
export function runClock(label?: string): RunClock {
  const began = performance.now();
  let first: number | undefined;
  let firstUs = 0;
  return {
    seen() {
      if (first !== undefined) return;
      first = performance.now();
      firstUs = monotonicUs();
    },
    done(records) {
      const end = performance.now();
      const from = first ?? began;
      if (label !== undefined && first !== undefined)
        phases.push({ name: `${label} steady`, startUs: firstUs, endUs: monotonicUs() });
      return { rate: (records / (end - from)) * 1000, startupMs: from - began };
    },
  };
}

/** Monotonic microseconds, the clock of `node --cpu-prof` samples: phases can be cut out of a profile. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export interface Phase {
  readonly name: string;
  readonly startUs: number;
  readonly endUs: number;
}
export const phases: Phase[] = [];

export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const startUs = monotonicUs();
  try {
    return await work();
  } finally {
    phases.push({ name, startUs, endUs: monotonicUs() });
  }
}
