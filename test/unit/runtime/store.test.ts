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

  it('can leave out a key created and deleted since the last commit, but never a real deletion', () => {
    const store = new TransactionalStore('s');
    store.put('kept', 1);
    store.put('gone', 2);
    store.commit();
    store.put('brief', 3);
    store.delete('brief');
    store.delete('gone');
    store.put('kept', 4);
    expect(store.changes({ skipUnchangedTombstones: true })).toEqual([
      ['gone', undefined],
      ['kept', 4],
    ]);
    // Without the option every touched key is written, the brief one as a tombstone.
    expect(store.changes()).toEqual([
      ['brief', undefined],
      ['gone', undefined],
      ['kept', 4],
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

describe('TimerQueue', () => {
  it('finds the earliest due timer in (time, id) order after moves, cancels and rollbacks', async () => {
    const { TimerQueue } = await import('../../../streams/runtime/timers.ts');
    const store = new TransactionalStore('__timers');
    const timers = new TimerQueue(store);
    timers.schedule({ id: 'b', at: 10, payload: null });
    timers.schedule({ id: 'a', at: 10, payload: null });
    timers.schedule({ id: 'c', at: 5, payload: null });
    expect(timers.nextDue(4)).toBeUndefined();
    expect(timers.nextDue(10)?.id).toBe('c');
    timers.schedule({ id: 'c', at: 20, payload: null });
    expect(timers.nextDue(10)?.id).toBe('a');
    store.commit();
    timers.cancel('a');
    timers.cancel('b');
    expect(timers.nextDue(10)).toBeUndefined();
    store.rollback();
    expect(timers.nextDue(10)?.id).toBe('a');
  });
});
