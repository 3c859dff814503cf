import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAvroSchema } from '../../../registry/avro-schema.ts';
import { identityForm, parsingCanonicalForm } from '../../../registry/canonical-form.ts';

const spaced = {
  type: 'record',
  name: 'Bar',
  namespace: 'amc.test',
  doc: 'a record',
  fields: [
    { name: 'id', type: { type: 'string' }, doc: 'key' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
    { name: 'next', type: ['null', 'Kind'], default: null },
  ],
};

describe('Parsing Canonical Form', () => {
  it('keeps only the attributes that lay out data, in the specification order, with full names', () => {
    expect(parsingCanonicalForm(spaced)).toBe(
      '{"name":"amc.test.Bar","type":"record","fields":[' +
        '{"name":"id","type":"string"},' +
        '{"name":"tags","type":{"type":"array","items":"string"}},' +
        '{"name":"kind","type":{"name":"amc.test.Kind","type":"enum","symbols":["A","B"]}},' +
        '{"name":"next","type":["null","amc.test.Kind"]}]}',
    );
  });

  it('turns primitives written as objects into names and keeps fixed sizes', () => {
    expect(parsingCanonicalForm({ type: 'int' })).toBe('"int"');
    expect(parsingCanonicalForm({ type: 'fixed', name: 'md5', namespace: 'x', size: 16 })).toBe(
      '{"name":"x.md5","type":"fixed","size":16}',
    );
    expect(parsingCanonicalForm({ type: 'map', values: { type: 'long' } })).toBe(
      '{"type":"map","values":"long"}',
    );
  });

  it('gives a nested type without a namespace the enclosing one', () => {
    const inner = {
      type: 'record',
      name: 'Outer',
      namespace: 'a.b',
      fields: [{ name: 'f', type: { type: 'fixed', name: 'F', size: 2 } }],
    };
    expect(parsingCanonicalForm(inner)).toContain('"name":"a.b.F"');
  });
});

describe('identity form', () => {
  it('is the same for schemas that differ in whitespace, key order, doc, and namespace spelling', () => {
    const fullNamed = {
      fields: [
        { type: 'string', name: 'id' },
        { name: 'tags', type: { items: 'string', type: 'array' } },
        { type: { symbols: ['A', 'B'], name: 'amc.test.Kind', type: 'enum' }, name: 'kind' },
        { default: null, type: ['null', 'amc.test.Kind'], name: 'next' },
      ],
      name: 'amc.test.Bar',
      type: 'record',
    };
    expect(identityForm(fullNamed)).toBe(identityForm(spaced));
    expect(parseAvroSchema(JSON.stringify(fullNamed, null, 4)).identity).toBe(
      parseAvroSchema(JSON.stringify(spaced)).identity,
    );
  });

  it('differs where data is read differently: a default, a logical type, an alias', () => {
    const plain = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'long' }] };
    const withDefault = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'long', default: 0 }] };
    const logical = {
      type: 'record',
      name: 'R',
      fields: [{ name: 'a', type: { type: 'long', logicalType: 'timestamp-millis' } }],
    };
    const aliased = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'long', aliases: ['old_a'] }] };
    const forms = new Set([plain, withDefault, logical, aliased].map(identityForm));
    expect(forms.size).toBe(4);
    // ... while the strict canonical form treats them all as one layout.
    expect(new Set([plain, withDefault, logical, aliased].map(parsingCanonicalForm)).size).toBe(1);
  });

  it('does not depend on key order inside default values', () => {
    const inner = {
      type: 'record',
      name: 'P',
      fields: [
        { name: 'x', type: 'int' },
        { name: 'y', type: 'int' },
      ],
    };
    const a = { type: 'record', name: 'R', fields: [{ name: 'p', type: inner, default: { x: 1, y: 2 } }] };
    const b = { type: 'record', name: 'R', fields: [{ name: 'p', type: inner, default: { y: 2, x: 1 } }] };
    expect(identityForm(a)).toBe(identityForm(b));
  });

  it('survives any reordering of object keys (property)', () => {
    const shuffleKeys = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((item, i) => shuffleKeys(item, seed + i));
      if (typeof value !== 'object' || value === null) return value;
      const entries = Object.entries(value);
      const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]!);
      return Object.fromEntries(rotated.map(([k, v]) => [k, shuffleKeys(v, seed * 31 + 7)]));
    };
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 0, max: 8 }), (seed, indent) => {
        const text = JSON.stringify(shuffleKeys(spaced, seed), null, indent);
        expect(parseAvroSchema(text).identity).toBe(identityForm(spaced));
        expect(parseAvroSchema(text).canonical).toBe(parsingCanonicalForm(spaced));
      }),
    );
  });
});
