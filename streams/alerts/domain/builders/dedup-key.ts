import type { AlertTypeName } from '../alert-type.ts';

/**
 * `<type in lower case>:<subject>`, e.g. `missed_opportunity:<tracking_id>`.
 * Starting with the type keeps keys of different types apart, since the gate
 * treats the dedup key alone as an alert's identity.
 */
export function dedupKeyFor(type: AlertTypeName, subject: string): string {
  return `${type.toLowerCase()}:${subject}`;
}
