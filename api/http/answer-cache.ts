/**
 * Answers of the expensive queries, shared by identical requests. The tables
 * change at the sink's batch pace, and a dashboard refreshed by many people at
 * once would otherwise send ClickHouse the same scan many times over.
 *
 * An answer is fresh for `ttlMs`. Past that, one request refreshes it while
 * the others are served the previous answer, so no request waits for a scan
 * once an answer exists; an answer older than twice `ttlMs` is not served, and
 * requests wait for the refresh. A failure is never kept.
 */
interface Entry {
  value?: unknown;
  valueAt?: number;
  pending?: Promise<unknown>;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = this.clock();
    const entry = this.entries.get(key) ?? this.add(key);
    const age = entry.valueAt === undefined ? Number.POSITIVE_INFINITY : now - entry.valueAt;
    if (age < this.ttlMs) return Promise.resolve(entry.value as T);
    if (entry.pending === undefined) {
      entry.pending = this.refresh(key, entry, compute);
      // A refresh whose callers were all served the previous answer must not fail unobserved.
      entry.pending.catch(() => undefined);
    }
    const refresh = entry.pending as Promise<T>;
    return age < 2 * this.ttlMs ? Promise.resolve(entry.value as T) : refresh;
  }

  private add(key: string): Entry {
    const entry: Entry = {};
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  private async refresh<T>(key: string, entry: Entry, compute: () => Promise<T>): Promise<T> {
    try {
      const value = await compute();
      entry.value = value;
      entry.valueAt = this.clock();
      return value;
    } catch (error) {
      if (entry.valueAt === undefined) this.entries.delete(key);
      throw error;
    } finally {
      entry.pending = undefined;
    }
  }
}
