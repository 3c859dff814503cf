/**
 * Keyset pagination cursors: the sort key of the last item of a page, as
 * base64url JSON. A cursor is input like any other: decoded strictly, and
 * anything but what this module wrote is INVALID_CURSOR.
 */
import { ApiError } from '../errors.ts';
import { TRACKING_ID_PATTERN } from '../schemas.ts';

export interface Cursor {
  /** Sort time of the last item, epoch seconds. */
  readonly t: number;
  /** Id of the last item (the tie-breaker). */
  readonly id: string;
}

const ID = new RegExp(TRACKING_ID_PATTERN);
const MAX_ID_LENGTH = 160;
const MAX_SECONDS = Date.UTC(2105, 0, 1) / 1000;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.t, id: cursor.id }), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new ApiError('INVALID_CURSOR');
  }
  const fields = value as { t?: unknown; id?: unknown } | null;
  const ok =
    typeof fields === 'object' &&
    fields !== null &&
    Object.keys(fields).length === 2 &&
    Number.isSafeInteger(fields.t) &&
    (fields.t as number) >= 0 &&
    (fields.t as number) < MAX_SECONDS &&
    typeof fields.id === 'string' &&
    fields.id.length <= MAX_ID_LENGTH &&
    ID.test(fields.id);
  if (!ok) throw new ApiError('INVALID_CURSOR');
  return { t: fields.t as number, id: fields.id as string };
}
