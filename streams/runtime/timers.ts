import type { TransactionalStore } from './store.ts';
import type { JsonValue, Timer } from './types.ts';

interface Entry {
  readonly at: number;
  readonly id: string;
}

const before = (a: Entry, b: Entry): boolean => a.at < b.at || (a.at === b.at && a.id < b.id);

/**
 * Event-time timers of one partition. They live in a store (so they are in
 * the changelog and survive restarts) and fire in (time, id) order once stream
 * time reaches them. Nothing here reads the wall clock: a replay fires the
 * same timers at the same points as the live run did.
 *
 * Every record asks whether a timer is due, and a burst of timers can come
 * due at once (a session's end), so the store is indexed by a binary heap of
 * (time, id). A moved or cancelled timer leaves its old entry behind, to be
 * dropped when it reaches the top; an entry counts only while the store still
 * holds that timer at that time. The store is the truth: when it changed
 * behind the queue's back (a rollback, a restore) the heap is built afresh.
 */
export class TimerQueue {
  private heap: Entry[] = [];
  /** The store's version the heap was last in step with; another means rebuild. */
  private heapAtVersion = -1;

  constructor(private readonly store: TransactionalStore) {}

  schedule(timer: Timer): void {
    if (!Number.isFinite(timer.at)) throw new RangeError(`timer ${timer.id}: time ${timer.at} is not finite`);
    const inStep = this.inStep();
    this.store.put(timer.id, { id: timer.id, at: timer.at, payload: timer.payload } as JsonValue);
    if (inStep) {
      this.push({ at: timer.at, id: timer.id });
      this.heapAtVersion = this.store.version;
    }
  }

  cancel(id: string): void {
    const inStep = this.inStep();
    this.store.delete(id);
    if (inStep) this.heapAtVersion = this.store.version;
  }

  /** The earliest timer due at `streamTime`, if any; (time, id) order among equals. */
  nextDue(streamTime: number): Timer | undefined {
    if (!this.inStep() || this.heap.length > 2 * this.store.size + 64) this.rebuild();
    for (let top = this.heap[0]; top !== undefined; top = this.heap[0]) {
      const timer = this.store.get(top.id) as unknown as Timer | undefined;
      if (timer !== undefined && timer.at === top.at) return timer.at <= streamTime ? timer : undefined;
      this.pop(); // moved or cancelled since this entry was pushed
    }
    return undefined;
  }

  get size(): number {
    return this.store.size;
  }

  private inStep(): boolean {
    return this.heapAtVersion === this.store.version;
  }

  private rebuild(): void {
    this.heap = [];
    for (const value of this.store.unorderedValues()) {
      const timer = value as unknown as Timer;
      this.heap.push({ at: timer.at, id: timer.id });
    }
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
    this.heapAtVersion = this.store.version;
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    this.siftDown(0);
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const entry = heap[start]!;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, entry)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = entry;
  }
}
