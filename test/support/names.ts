import { randomBytes } from 'node:crypto';

/** A name no other test run uses, so integration tests can run side by side. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** The same, usable as a ClickHouse identifier. */
export function uniqueTableName(prefix: string): string {
  return uniqueName(prefix).replace(/[^A-Za-z0-9_]/g, '_');
}
