import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransactionalStore } from '../../../streams/runtime/store.ts';
import { TimerQueue } from '../../../streams/runtime/timers.ts';
import type { Timer } from '../../../streams/runtime/types.ts';

/** The answer by definition: the least (time, id) among the stored timers due at `streamTime`. */
function dueByScan(store: TransactionalStore, streamTime: number): Timer | undefined {
  let next: Timer | undefined;
  for (const value of store.unorderedValues()) {
    const timer = value as unknown as Timer;
    if (timer.at > streamTime) continue;
    if (next === undefined || timer.at < next.at || (timer.at === next.at && timer.id < next.id))
      next = timer;
  }
  return next;
}

type Step =
  | { kind: 'schedule'; id: string; at: number }
  | { kind: 'cancel'; id: string }
  | { kind: 'fire'; streamTime: number }
  | { kind: 'commit' }
  | { kind: 'rollback' };

const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
const time = fc.integer({ min: 0, max: 40 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('schedule' as const), id, at: time }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), id }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('fire' as const), streamTime: time }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'commit' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'rollback' as const }) },
);

describe('TimerQueue', () => {
  it('always names the timer a scan of the store would, through moves, cancels, commits and rollbacks', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const store = new TransactionalStore('__timers');
        const timers = new TimerQueue(store);
        for (const s of steps) {
          if (s.kind === 'schedule') timers.schedule({ id: s.id, at: s.at, payload: s.at });
          else if (s.kind === 'cancel') timers.cancel(s.id);
          else if (s.kind === 'commit') store.commit();
          else if (s.kind === 'rollback') store.rollback();
          else {
            // Fire everything due, as the runtime does: each due timer is cancelled as it fires.
            for (;;) {
              const expected = dueByScan(store, s.streamTime);
              expect(timers.nextDue(s.streamTime)).toEqual(expected);
              if (expected === undefined) break;
              timers.cancel(expected.id);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('fires a burst of many timers due at once in (time, id) order', () => {
    const store = new TransactionalStore('__timers');
    const timers = new TimerQueue(store);
    const ids = Array.from({ length: 5000 }, (_, i) => `t${String(i).padStart(5, '0')}`);
    for (const [i, name] of [...ids].reverse().entries())
      timers.schedule({ id: name, at: i % 3, payload: null });
    const fired: Timer[] = [];
    for (let timer = timers.nextDue(10); timer; timer = timers.nextDue(10)) {
      fired.push(timer);
      timers.cancel(timer.id);
    }
    const expected = [...fired].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(fired.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    expect(fired).toHaveLength(5000);
    expect(timers.size).toBe(0);
  });
});
