import { describe, expect, it } from 'vitest';
import { frame, unframe } from '../../../streams/serde/wire-format.ts';

describe('Confluent wire format', () => {
  it('puts magic byte 0 and a big-endian id before the body', () => {
    const bytes = frame(0x01020304, Buffer.from([9, 8]));
    expect([...bytes]).toEqual([0, 1, 2, 3, 4, 9, 8]);
    expect(unframe(bytes)).toMatchObject({ ok: true, schemaId: 0x01020304, body: Buffer.from([9, 8]) });
  });

  it.each([
    ['null', null, 'MISSING_VALUE'],
    ['empty', Buffer.alloc(0), 'TRUNCATED'],
    ['wrong magic', Buffer.from([1, 0, 0, 0, 1, 2]), 'WRONG_MAGIC_BYTE'],
    ['short header', Buffer.from([0, 0, 1]), 'TRUNCATED'],
  ] as const)('refuses %s values', (_name, value, code) => {
    expect(unframe(value)).toMatchObject({ ok: false, rejection: { code } });
  });

  it('refuses ids that do not fit 4 bytes', () => {
    expect(() => frame(2 ** 32, Buffer.alloc(0))).toThrow(RangeError);
  });
});
