/**
 * Events per second over a sliding window: what a dashboard shows as
 * "records/s" without knowing the scrape interval. Counters stay the source
 * of truth for Prometheus' own rate(); this is the instant reading.
 */
export class WindowedRate {
  private readonly samples: { at: number; count: number }[] = [];
  private readonly startedAt: number;

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.startedAt = clock();
  }

  add(count: number): void {
    this.samples.push({ at: this.clock(), count });
    this.prune(this.clock());
  }

  /** Per second over the window, or over the time since creation while that is shorter. */
  perSecond(): number {
    const now = this.clock();
    this.prune(now);
    const spanMs = Math.min(this.windowMs, now - this.startedAt);
    if (spanMs <= 0) return 0;
    const total = this.samples.reduce((sum, s) => sum + s.count, 0);
    return total / (spanMs / 1000);
  }

  private prune(now: number): void {
    while (this.samples.length > 0 && this.samples[0]!.at <= now - this.windowMs) this.samples.shift();
  }
}
