/**
 * Alert types known today. The gate treats the type as an opaque string so a
 * new type needs no change here to flow through: it gets the default policy
 * until the configuration names it.
 */
export const AlertType = {
  MISSED_OPPORTUNITY: 'MISSED_OPPORTUNITY',
  PIPELINE_UNHEALTHY: 'PIPELINE_UNHEALTHY',
  PIPELINE_DRIFT: 'PIPELINE_DRIFT',
  BUY_MORE_SIGNAL: 'BUY_MORE_SIGNAL',
  CYCLE_COMPLETED: 'CYCLE_COMPLETED',
  PARAMETER_PROPOSED: 'PARAMETER_PROPOSED',
  PARAMETER_APPLIED: 'PARAMETER_APPLIED',
} as const;

export type KnownAlertType = (typeof AlertType)[keyof typeof AlertType];

/** Any type name: the known ones plus those added later without a code change. */
export type AlertTypeName = KnownAlertType | (string & {});

export const KNOWN_ALERT_TYPES: readonly KnownAlertType[] = Object.freeze(Object.values(AlertType));

/** Upper snake case, so type names stay usable as config keys and metric labels. */
export const ALERT_TYPE_NAME_PATTERN = /^[A-Z][A-Z0-9_]*$/;

export function isKnownAlertType(value: unknown): value is KnownAlertType {
  return typeof value === 'string' && (KNOWN_ALERT_TYPES as readonly string[]).includes(value);
}
