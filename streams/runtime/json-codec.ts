import { isTimeMark } from './time-marks.ts';
import type { Codec, Decoded } from './types.ts';

/** Reads the event time of a decoded JSON value; NaN (or any non-finite number) when it has none. */
export type JsonEventTime = (value: unknown) => number;

function decodeJson(value: Buffer | null, eventTimeOf: JsonEventTime): Decoded<unknown> {
  if (value === null) return { ok: false, code: 'NULL_VALUE', reason: 'record has no value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8')) as unknown;
  } catch (err) {
    return { ok: false, code: 'CORRUPT_BODY', reason: `not JSON: ${(err as Error).message}` };
  }
  // Time marks are the runtime's own records on internal topics: they carry their time themselves.
  const eventTime = isTimeMark(parsed) ? parsed.$mark.time : eventTimeOf(parsed);
  return { ok: true, value: parsed, eventTime };
}

/**
 * What JSON.stringify makes of a Buffer (Buffer.toJSON): `{"type":"Buffer","data":[…]}`.
 * Inside a JSON string its quotes would be escaped, so only a real object matches.
 */
const BYTES_MARK = '"type":"Buffer"';

/**
 * The JSON text of a value. It stays a string: the producer writes it as
 * UTF-8 straight into the request, where a Buffer would be one more
 * allocation and copy per record.
 */
export function encodeJson(value: unknown): string {
  // A replacer slows JSON.stringify several times over, and most values (all but dead letters)
  // have no bytes: those are written again through it only when the plain text shows bytes.
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`${typeof value} is not a JSON value`);
  return text.includes(BYTES_MARK) ? encodeJsonWithBytes(value) : text;
}

/** JSON with any bytes in the value as base64 strings. */
export function encodeJsonWithBytes(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    // Buffer.toJSON has already run when the replacer sees a Buffer: keep bytes readable as base64.
    const raw = v as { type?: string; data?: number[] } | null;
    return raw !== null && typeof raw === 'object' && raw.type === 'Buffer' && Array.isArray(raw.data)
      ? Buffer.from(raw.data).toString('base64')
      : v;
  });
}

/**
 * JSON values whose event time `eventTimeOf` reads: internal topics, the
 * reference processor and runtime tests (the product topics use Avro).
 */
export function jsonCodec(eventTimeOf: JsonEventTime): Codec<unknown> {
  return {
    decode: (_topic, value) => decodeJson(value, eventTimeOf),
    encode: (_topic, value) => encodeJson(value),
  };
}

/** The event time of a JSON object's numeric field `name` (NaN when absent). */
export const fieldEventTime =
  (name: string): JsonEventTime =>
  (value) => {
    const time = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : NaN;
    return typeof time === 'number' ? time : Number.NaN;
  };
