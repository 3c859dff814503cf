/**
 * Answers of the expensive queries, kept for a few seconds and shared by
 * identical requests in flight. The tables change at the sink's batch pace,
 * and a dashboard refreshed by many people at once would otherwise send
 * ClickHouse the same scan many times over. A failure is never kept.
 */
export class AnswerCache {
  private readonly entries = new Map<
    string,
    { readonly expires: number; readonly answer: Promise<unknown> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = this.clock();
    const entry = this.entries.get(key);
    if (entry && entry.expires > now) return entry.answer as Promise<T>;
    const answer = compute();
    this.entries.delete(key);
    this.entries.set(key, { expires: now + this.ttlMs, answer });
    answer.catch(() => {
      if (this.entries.get(key)?.answer === answer) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return answer;
  }
}
