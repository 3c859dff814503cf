import type { TransactionalStore } from './store.ts';
import type { JsonValue, Timer } from './types.ts';

/**
 * Event-time timers of one partition. They live in a store (so they are in
 * the changelog and survive restarts) and fire in (time, id) order once stream
 * time reaches them. Nothing here reads the wall clock: a replay fires the
 * same timers at the same points as the live run did.
 *
 * Every record asks whether a timer is due, so the earliest time is cached
 * against the store's version; a rollback or restore makes the cache stale.
 */
export class TimerQueue {
  private earliest = Number.POSITIVE_INFINITY;
  private earliestAtVersion = -1;

  constructor(private readonly store: TransactionalStore) {}

  schedule(timer: Timer): void {
    if (!Number.isFinite(timer.at)) throw new RangeError(`timer ${timer.id}: time ${timer.at} is not finite`);
    // Moving a timer can only raise the earliest time if it was the earliest one and moves later.
    const previous = this.store.get(timer.id) as unknown as Timer | undefined;
    const cacheValid =
      this.earliestAtVersion === this.store.version &&
      (previous === undefined || previous.at !== this.earliest || timer.at <= previous.at);
    this.store.put(timer.id, { id: timer.id, at: timer.at, payload: timer.payload } as JsonValue);
    if (cacheValid) {
      this.earliest = Math.min(this.earliest, timer.at);
      this.earliestAtVersion = this.store.version;
    }
  }

  cancel(id: string): void {
    this.store.delete(id);
  }

  /** The earliest timer due at `streamTime`, if any; (time, id) order among equals. */
  nextDue(streamTime: number): Timer | undefined {
    if (this.earliestAtVersion === this.store.version && this.earliest > streamTime) return undefined;
    let next: Timer | undefined;
    let earliest = Number.POSITIVE_INFINITY;
    for (const value of this.store.unorderedValues()) {
      const timer = value as unknown as Timer;
      earliest = Math.min(earliest, timer.at);
      if (timer.at > streamTime) continue;
      if (next === undefined || timer.at < next.at || (timer.at === next.at && timer.id < next.id))
        next = timer;
    }
    this.earliest = earliest;
    this.earliestAtVersion = this.store.version;
    return next;
  }

  get size(): number {
    return this.store.size;
  }
}
