import type { TransactionalStore } from './store.ts';
import type { JsonValue, Timer } from './types.ts';

/**
 * Event-time timers of one partition. They live in a store (so they are in
 * the changelog and survive restarts) and fire in (time, id) order once stream
 * time reaches them. Nothing here reads the wall clock: a replay fires the
 * same timers at the same points as the live run did.
 */
export class TimerQueue {
  constructor(private readonly store: TransactionalStore) {}

  schedule(timer: Timer): void {
    if (!Number.isFinite(timer.at)) throw new RangeError(`timer ${timer.id}: time ${timer.at} is not finite`);
    this.store.put(timer.id, { id: timer.id, at: timer.at, payload: timer.payload } as JsonValue);
  }

  cancel(id: string): void {
    this.store.delete(id);
  }

  /** The earliest timer due at `streamTime`, if any. */
  nextDue(streamTime: number): Timer | undefined {
    let next: Timer | undefined;
    for (const [, value] of this.store.entries()) {
      const timer = value as unknown as Timer;
      if (timer.at > streamTime) continue;
      if (next === undefined || timer.at < next.at || (timer.at === next.at && timer.id < next.id))
        next = timer;
    }
    return next;
  }

  get size(): number {
    return this.store.size;
  }
}
