import type { Severity } from './severity.ts';

/** One rung: values at or above at_least get this severity. */
export interface SeverityRung {
  readonly at_least: number;
  readonly severity: Severity;
}

/**
 * Picks the severity of the highest rung the value reaches, or null when it
 * reaches none (no alert). Rungs may come in any order; a table keeps each
 * builder's thresholds in one readable place.
 */
export function severityFromLadder(value: number, ladder: readonly SeverityRung[]): Severity | null {
  let reached: SeverityRung | null = null;
  for (const rung of ladder) {
    if (value >= rung.at_least && (reached === null || rung.at_least > reached.at_least)) reached = rung;
  }
  return reached === null ? null : reached.severity;
}
