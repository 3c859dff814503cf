// Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro body.
import { type Rejection, rejection } from './reasons.ts';

export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

export function frame(schemaId: number, body: Uint8Array): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0xffffffff) {
    throw new RangeError(`schema id out of range: ${schemaId}`);
  }
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

export type Unframed =
  | { readonly ok: true; readonly schemaId: number; readonly body: Buffer }
  | { readonly ok: false; readonly rejection: Rejection };

/** Splits a value into schema id and body; never throws. */
export function unframe(value: Uint8Array | null | undefined): Unframed {
  if (value === null || value === undefined) {
    return { ok: false, rejection: rejection('MISSING_VALUE', 'record has no value') };
  }
  const bytes = Buffer.isBuffer(value)
    ? value
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (bytes.length === 0) return { ok: false, rejection: rejection('TRUNCATED', 'value is empty') };
  if (bytes[0] !== MAGIC_BYTE) {
    return { ok: false, rejection: rejection('WRONG_MAGIC_BYTE', `magic byte is ${bytes[0]}, expected 0`) };
  }
  if (bytes.length < HEADER_LENGTH) {
    return {
      ok: false,
      rejection: rejection('TRUNCATED', `value has ${bytes.length} bytes, shorter than the 5-byte header`),
    };
  }
  return { ok: true, schemaId: bytes.readUInt32BE(1), body: bytes.subarray(HEADER_LENGTH) };
}
