/**
 * Alert severities, lowest first. The order is the contract: comparisons go
 * through the rank, never through the names.
 */
export const Severity = {
  INFO: 'INFO',
  WARNING: 'WARNING',
  HIGH: 'HIGH',
  CRITICAL: 'CRITICAL',
  EMERGENCY: 'EMERGENCY',
} as const;

export type Severity = (typeof Severity)[keyof typeof Severity];

export const SEVERITIES_ASCENDING: readonly Severity[] = Object.freeze([
  Severity.INFO,
  Severity.WARNING,
  Severity.HIGH,
  Severity.CRITICAL,
  Severity.EMERGENCY,
]);

/** The lowest severity that a human must acknowledge (DESIGN: CRITICAL and above). */
export const ACK_REQUIRED_FROM: Severity = Severity.CRITICAL;

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES_ASCENDING as readonly string[]).includes(value);
}

export function severityRank(severity: Severity): number {
  return SEVERITIES_ASCENDING.indexOf(severity);
}

/** Negative when a is lower than b, 0 when equal, positive when higher: usable with Array.sort. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}

export function isHigherSeverity(a: Severity, b: Severity): boolean {
  return compareSeverity(a, b) > 0;
}

export function isAtLeastSeverity(severity: Severity, floor: Severity): boolean {
  return compareSeverity(severity, floor) >= 0;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return isHigherSeverity(b, a) ? b : a;
}

export function requiresAck(severity: Severity): boolean {
  return isAtLeastSeverity(severity, ACK_REQUIRED_FROM);
}
