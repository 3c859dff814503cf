import { describe, expect, it } from 'vitest';
import { resolveSchema } from '../../../schemas/avro-model.ts';
import { checkBody } from '../../../streams/serde/avro-bounds.ts';

const node = resolveSchema({
  type: 'record',
  name: 'T',
  fields: [
    { name: 's', type: 'string' },
    { name: 'n', type: ['null', 'int'] },
    { name: 'b', type: 'boolean' },
    { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
    { name: 'm', type: { type: 'map', values: 'double' } },
  ],
});

describe('checkBody', () => {
  it('accepts a well-formed body', () => {
    expect(checkBody(node, Buffer.from([2, 0x41, 2, 4, 1, 2, 0]))).toBeUndefined();
  });

  it.each([
    ['string past the end', [8, 0x41], 'TRUNCATED'],
    ['invalid UTF-8', [2, 0xff, 0, 1, 0, 0], 'CORRUPT_BODY'],
    ['union index out of range', [2, 0x41, 4, 1, 0, 0], 'CORRUPT_BODY'],
    ['int wider than 32 bits', [2, 0x41, 2, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 0, 0], 'CORRUPT_BODY'],
    ['boolean that is neither 0 nor 1', [2, 0x41, 0, 7, 0, 0], 'CORRUPT_BODY'],
    ['enum index out of range', [2, 0x41, 0, 1, 6, 0], 'CORRUPT_BODY'],
    ['map claiming more entries than bytes', [2, 0x41, 0, 1, 0, 0x7e], 'TRUNCATED'],
    ['trailing bytes', [2, 0x41, 0, 1, 0, 0, 9], 'CORRUPT_BODY'],
    [
      'varint that never ends',
      [2, 0x41, 0, 1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      'CORRUPT_BODY',
    ],
  ] as const)('refuses %s', (_name, bytes, code) => {
    expect(checkBody(node, Buffer.from(bytes))).toMatchObject({ code });
  });
});
