import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedKeys } from '../../../streams/runtime/sorted-keys.ts';
import { TransactionalStore } from '../../../streams/runtime/store.ts';

type Op =
  | { put: string }
  | { delete: string }
  | { commit: true }
  | { rollback: true }
  | { read: [string, string] };

const key = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer({ min: 0, max: 3000 }).map((n) => `k${String(n).padStart(4, '0')}`),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: key.map((k) => ({ put: k })) },
  { weight: 3, arbitrary: key.map((k) => ({ delete: k })) },
  { weight: 1, arbitrary: fc.constant({ commit: true as const }) },
  { weight: 1, arbitrary: fc.constant({ rollback: true as const }) },
  { weight: 2, arbitrary: fc.tuple(key, key).map((r) => ({ read: r })) },
);
const between = (keys: Iterable<string>, from: string, to: string) =>
  [...keys].filter((k) => k >= from && k < to).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('SortedKeys', () => {
  it('splits into chunks and still reads every range in order, both ways', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `k${String((i * 7919) % 3000).padStart(4, '0')}`);
    const sorted = new SortedKeys();
    for (const k of keys) sorted.insert(k);
    for (const k of keys.slice(0, 1000)) sorted.delete(k);
    const left = keys.slice(1000);
    expect(sorted.size).toBe(2000);
    expect([...sorted.all()]).toEqual(between(left, '', '\uffff'));
    expect([...sorted.range('k1000', 'k1100')]).toEqual(between(left, 'k1000', 'k1100'));
    expect([...sorted.range('k1000', 'k1100', true)]).toEqual(between(left, 'k1000', 'k1100').reverse());
    expect([...sorted.range('k2', 'k1')]).toEqual([]);
  });
});

describe('TransactionalStore range reads', () => {
  it('give the keys in [from, to) in order through puts, deletes, commits, rollbacks and restores', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const store = new TransactionalStore('s');
        let committed = new Map<string, number>();
        let model = new Map<string, number>();
        // The first read builds the index; the operations after it must keep it right.
        expect([...store.range('', '\uffff')]).toEqual([]);
        for (const [i, o] of ops.entries()) {
          if ('put' in o) {
            store.put(o.put, i);
            model.set(o.put, i);
          } else if ('delete' in o) {
            store.delete(o.delete);
            model.delete(o.delete);
          } else if ('commit' in o) {
            store.commit();
            committed = new Map(model);
          } else if ('rollback' in o) {
            store.rollback();
            model = new Map(committed);
          } else {
            const [from, to] = o.read;
            expect([...store.range(from, to)]).toEqual(
              between(model.keys(), from, to).map((k) => [k, model.get(k)]),
            );
            expect([...store.range(from, to, { reverse: true })].map(([k]) => k)).toEqual(
              between(model.keys(), from, to).reverse(),
            );
          }
        }
        expect([...store.entries()].map(([k]) => k)).toEqual(between(model.keys(), '', '\uffff\uffff'));
        store.restore('zz', 1);
        expect([...store.range('z', 'zzz')].map(([k]) => k)).toContain('zz');
      }),
      { numRuns: 300 },
    );
  });
});
