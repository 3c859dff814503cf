import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeJson } from '../../../streams/runtime/json-codec.ts';

describe('encodeJson', () => {
  it('writes bytes anywhere in the value as base64', () => {
    const value = { key: Buffer.from('ab'), nested: [{ value: Buffer.from([0xff]) }], n: 1 };
    expect(JSON.parse(encodeJson(value))).toEqual({
      key: 'YWI=',
      nested: [{ value: '/w==' }],
      n: 1,
    });
  });

  it('leaves text that only mentions bytes as it is', () => {
    const value = { reason: '{"type":"Buffer","data":[1]}', data: [1] };
    expect(encodeJson(value)).toBe(JSON.stringify(value));
  });

  it('refuses what has no JSON form', () => {
    expect(() => encodeJson(undefined)).toThrow(TypeError);
  });

  it('writes a value without bytes as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(encodeJson(value)).toBe(JSON.stringify(value));
      }),
    );
  });
});
