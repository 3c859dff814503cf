import { describe, expect, it } from 'vitest';
import { TransactionalStore } from '../../../streams/runtime/store.ts';

describe('TransactionalStore', () => {
  it('lists exactly the keys changed since the last commit, deletions as undefined', () => {
    const store = new TransactionalStore('s');
    store.put('a', 1);
    store.put('b', 2);
    store.commit();
    store.put('a', 3);
    store.delete('b');
    store.put('c', { x: 1 });
    expect(store.changes()).toEqual([
      ['a', 3],
      ['b', undefined],
      ['c', { x: 1 }],
    ]);
  });

  it('rolls every value back to the last commit, including several writes to one key', () => {
    const store = new TransactionalStore('s');
    store.put('a', 1);
    store.commit();
    store.put('a', 2);
    store.put('a', 3);
    store.delete('a');
    store.put('new', true);
    store.rollback();
    expect([...store.entries()]).toEqual([['a', 1]]);
    expect(store.changes()).toEqual([]);
  });

  it('freezes stored values so an in-place mutation cannot bypass rollback', () => {
    const store = new TransactionalStore('s');
    store.put('a', { nested: { n: 1 } });
    const value = store.get('a') as { nested: { n: number } };
    expect(() => {
      value.nested.n = 2;
    }).toThrow(TypeError);
  });

  it('restore applies changelog records without marking them as changes', () => {
    const store = new TransactionalStore('s');
    store.restore('a', 1);
    store.restore('b', 2);
    store.restore('a', undefined);
    expect([...store.entries()]).toEqual([['b', 2]]);
    expect(store.changes()).toEqual([]);
  });
});
