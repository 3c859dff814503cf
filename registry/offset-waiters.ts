/** Promises that resolve once a read position reaches an offset, or reject after a timeout. */
export class OffsetWaiters {
  private position = 0;
  private waiting: { offset: number; resolve: () => void; reject: (error: Error) => void }[] = [];

  get current(): number {
    return this.position;
  }

  advance(next: number): void {
    if (next <= this.position) return;
    this.position = next;
    const still = [];
    for (const waiter of this.waiting) {
      if (waiter.offset <= next) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }

  until(offset: number, timeoutMs: number, describe: () => Error): Promise<void> {
    if (offset <= this.position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((waiter) => waiter !== entry);
        reject(describe());
      }, timeoutMs);
      const entry = {
        offset,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiting.push(entry);
    });
  }

  failAll(error: Error): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(error);
  }
}
