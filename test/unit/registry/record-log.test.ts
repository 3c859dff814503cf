import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPATIBILITY_LEVELS } from '../../../registry/compatibility.ts';
import { MemoryRegistryStore } from '../../../registry/memory-store.ts';
import { decodeRecord, encodeRecord, type RegistryRecord } from '../../../registry/records.ts';
import type { RegistryStateView } from '../../../registry/state.ts';
import { type Field, recordSchema, testRegistry } from './helpers.ts';

const fields: Field[] = [
  { name: 'a', type: 'int' },
  { name: 'b', type: 'string', default: '' },
  { name: 'c', type: 'long' },
  { name: 'd', type: ['null', 'double'], default: null },
];
const schemas = [0, 1, 2, 3, 4].map((n) => recordSchema(fields.filter((_, i) => (n >> i) & 1 || i === 0)));
const subjects = ['s1', 's2', 's3'];

const operation = fc.oneof(
  fc.record({
    op: fc.constant('register' as const),
    subject: fc.constantFrom(...subjects),
    schema: fc.constantFrom(...schemas),
  }),
  fc.record({
    op: fc.constant('deleteVersion' as const),
    subject: fc.constantFrom(...subjects),
    version: fc.constantFrom('latest', '1', '2'),
  }),
  fc.record({ op: fc.constant('deleteSubject' as const), subject: fc.constantFrom(...subjects) }),
  fc.record({
    op: fc.constant('config' as const),
    subject: fc.constantFrom(null, ...subjects),
    level: fc.constantFrom(...COMPATIBILITY_LEVELS),
  }),
);

/** Everything a client can observe, as plain data. */
function snapshot(state: RegistryStateView) {
  const all = state.subjects(true);
  return {
    live: state.subjects(false),
    versions: all.map((subject) => state.versions(subject, true)),
    maxVersions: all.map((subject) => state.maxVersion(subject)),
    ids: Array.from({ length: state.maxId() }, (_, i) => state.schemaById(i + 1) ?? null),
    levels: [state.globalCompatibility(), ...subjects.map((subject) => state.subjectCompatibility(subject))],
  };
}

/** What log compaction leaves: the latest record of each key, in log order. */
function compact(records: readonly RegistryRecord[]): RegistryRecord[] {
  const encoded = records.map(encodeRecord);
  const last = new Map(encoded.map((entry, index) => [entry.key, index]));
  return encoded
    .filter((entry, index) => last.get(entry.key) === index)
    .map((entry) => decodeRecord(entry.key, entry.value))
    .filter((record): record is RegistryRecord => record !== undefined);
}

describe('the record log', () => {
  it('encodes keys as Confluent does', () => {
    expect(
      encodeRecord({ kind: 'schema', subject: 's', version: 2, id: 7, schema: '"int"', deleted: false }),
    ).toEqual({
      key: '{"keytype":"SCHEMA","subject":"s","version":2,"magic":1}',
      value: '{"subject":"s","version":2,"id":7,"schema":"\\"int\\"","deleted":false}',
    });
    expect(encodeRecord({ kind: 'config', subject: null, compatibilityLevel: 'FULL' }).key).toBe(
      '{"keytype":"CONFIG","magic":0}',
    );
    expect(encodeRecord({ kind: 'delete-subject', subject: 's', version: 3 }).key).toBe(
      '{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}',
    );
  });

  it('skips records it does not act on', () => {
    expect(decodeRecord('{"keytype":"NOOP","magic":0}', null)).toBeUndefined();
    expect(decodeRecord('not json', '{}')).toBeUndefined();
    expect(
      decodeRecord(
        '{"keytype":"SCHEMA","subject":"s","version":1}',
        '{"id":1,"schema":"x","schemaType":"PROTOBUF"}',
      ),
    ).toBeUndefined();
  });

  it('rebuilds the same state from the encoded log, whole or compacted (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 25 }), async (operations) => {
        const registry = testRegistry();
        for (const step of operations) {
          if (step.op === 'register') await registry.register(step.subject, step.schema);
          if (step.op === 'deleteVersion')
            await registry.call('DELETE', `/subjects/${step.subject}/versions/${step.version}`);
          if (step.op === 'deleteSubject') await registry.call('DELETE', `/subjects/${step.subject}`);
          if (step.op === 'config') {
            await registry.call('PUT', step.subject ? `/config/${step.subject}` : '/config', {
              compatibility: step.level,
            });
          }
        }
        const expected = snapshot(registry.store.state);
        const replayed = registry.store.records.map(encodeRecord).map((e) => decodeRecord(e.key, e.value)!);
        expect(snapshot(new MemoryRegistryStore(replayed).state)).toEqual(expected);
        expect(snapshot(new MemoryRegistryStore(compact(registry.store.records)).state)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
