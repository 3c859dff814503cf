import { describe, expect, it } from 'vitest';
import { parseAvroSchema } from '../../../registry/avro-schema.ts';
import {
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  incompatibilities,
  parseCompatibilityLevel,
} from '../../../registry/compatibility.ts';
import { RegistryError } from '../../../registry/errors.ts';
import { type Field, recordSchema } from './helpers.ts';

const type = (fields: Field[]) => parseAvroSchema(recordSchema(fields)).type;
const history = (...versions: Field[][]) =>
  versions.map((fields, i) => ({ version: i + 1, type: type(fields) }));
const compatible = (candidate: Field[], previous: Field[][], level: CompatibilityLevel) =>
  incompatibilities(type(candidate), history(...previous), level).length === 0;

const a: Field = { name: 'a', type: 'int' };
const aWithDefault: Field = { name: 'a', type: 'int', default: 0 };
const b: Field = { name: 'b', type: 'string' };
const bWithDefault: Field = { name: 'b', type: 'string', default: '' };

describe('compatibility levels, against the latest version', () => {
  const cases: [string, Field[], Field[], Record<'BACKWARD' | 'FORWARD' | 'FULL' | 'NONE', boolean>][] = [
    [
      'add a field with a default',
      [a],
      [a, bWithDefault],
      { BACKWARD: true, FORWARD: true, FULL: true, NONE: true },
    ],
    [
      'add a field without a default',
      [a],
      [a, b],
      { BACKWARD: false, FORWARD: true, FULL: false, NONE: true },
    ],
    [
      'remove a field without a default',
      [a, b],
      [a],
      { BACKWARD: true, FORWARD: false, FULL: false, NONE: true },
    ],
    [
      'remove a field with a default',
      [a, bWithDefault],
      [a],
      { BACKWARD: true, FORWARD: true, FULL: true, NONE: true },
    ],
    [
      'widen int to long',
      [a],
      [{ name: 'a', type: 'long' }],
      { BACKWARD: true, FORWARD: false, FULL: false, NONE: true },
    ],
    [
      'change int to string',
      [a],
      [{ name: 'a', type: 'string' }],
      { BACKWARD: false, FORWARD: false, FULL: false, NONE: true },
    ],
  ];
  for (const [change, before, after, expected] of cases) {
    for (const [level, ok] of Object.entries(expected)) {
      it(`${change}: ${level} ${ok ? 'allows' : 'refuses'} it`, () => {
        expect(compatible(after, [before], level as CompatibilityLevel)).toBe(ok);
        const transitive = level === 'NONE' ? 'NONE' : (`${level}_TRANSITIVE` as CompatibilityLevel);
        expect(compatible(after, [before], transitive)).toBe(ok);
      });
    }
  }

  it('says why, naming the version it could not be reconciled with', () => {
    const reasons = incompatibilities(type([a, b]), history([a]), 'FULL');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/version 1/);
    expect(reasons[0]).toMatch(/b/);
  });

  it('accepts anything as a first version', () => {
    for (const level of COMPATIBILITY_LEVELS) expect(compatible([b], [], level)).toBe(true);
  });
});

describe('transitive levels look at every earlier version, the others at the latest only', () => {
  it('BACKWARD vs BACKWARD_TRANSITIVE', () => {
    // v2 drops a; v3 brings a back as a string with a default: readable from v2 data, not from v1's int.
    const previous = [[a], []];
    const candidate: Field[] = [{ name: 'a', type: 'string', default: 'x' }];
    expect(compatible(candidate, previous, 'BACKWARD')).toBe(true);
    expect(compatible(candidate, previous, 'BACKWARD_TRANSITIVE')).toBe(false);
  });

  it('FORWARD vs FORWARD_TRANSITIVE', () => {
    // v2 gives a a default so v2 readers cope without it; v1 readers do not.
    const previous = [[a], [aWithDefault]];
    expect(compatible([], previous, 'FORWARD')).toBe(true);
    expect(compatible([], previous, 'FORWARD_TRANSITIVE')).toBe(false);
  });

  it('FULL vs FULL_TRANSITIVE', () => {
    const previous = [[a], [aWithDefault]];
    expect(compatible([], previous, 'FULL')).toBe(true);
    expect(compatible([], previous, 'FULL_TRANSITIVE')).toBe(false);
  });
});

describe('parseCompatibilityLevel', () => {
  it('accepts every level in any letter case', () => {
    for (const level of COMPATIBILITY_LEVELS) {
      expect(parseCompatibilityLevel(level)).toBe(level);
      expect(parseCompatibilityLevel(level.toLowerCase())).toBe(level);
    }
  });

  it('refuses anything else with 42203', () => {
    for (const bad of ['SIDEWAYS', '', undefined, 3]) {
      const error = (() => {
        try {
          parseCompatibilityLevel(bad);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).errorCode).toBe(42203);
    }
  });
});
