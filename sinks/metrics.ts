import type { SinkEventEmitter } from './events.ts';

export interface SinkMetricsSnapshot {
  readonly flushes: number;
  readonly recordsFlushed: number;
  readonly rowsInserted: Readonly<Record<string, number>>;
  readonly commits: number;
  readonly commitFailures: number;
  readonly retries: number;
  readonly refusedRows: number;
  readonly deadLetters: number;
  readonly droppedRows: number;
  readonly clickhouseOutages: number;
  readonly clickhouseDownMs: number;
  readonly pauses: number;
  readonly pausedMs: number;
  readonly lastFlushMs: number;
}

/** Counters of what the sink's events report; `snapshot()` is what a metrics endpoint serves. */
export class SinkMetrics {
  private flushes = 0;
  private recordsFlushed = 0;
  private readonly rowsInserted: Record<string, number> = {};
  private commits = 0;
  private commitFailures = 0;
  private retries = 0;
  private refusedRows = 0;
  private deadLetters = 0;
  private droppedRows = 0;
  private clickhouseOutages = 0;
  private clickhouseDownMs = 0;
  private pauses = 0;
  private pausedMs = 0;
  private lastFlushMs = 0;

  constructor(events: SinkEventEmitter) {
    events.onEvent('flush', (e) => {
      this.flushes++;
      this.recordsFlushed += e.records;
      this.lastFlushMs = e.durationMs;
      for (const [table, rows] of Object.entries(e.rows)) {
        this.rowsInserted[table] = (this.rowsInserted[table] ?? 0) + rows;
      }
    });
    events.onEvent('commit', () => this.commits++);
    events.onEvent('commit.failed', () => this.commitFailures++);
    events.onEvent('retry', () => this.retries++);
    events.onEvent('row.refused', () => this.refusedRows++);
    events.onEvent('dead-letter', () => this.deadLetters++);
    events.onEvent('row.dropped', () => this.droppedRows++);
    events.onEvent('clickhouse.unavailable', () => this.clickhouseOutages++);
    events.onEvent('clickhouse.available', (e) => {
      this.clickhouseDownMs += e.downMs;
    });
    events.onEvent('paused', () => this.pauses++);
    events.onEvent('resumed', (e) => {
      this.pausedMs += e.pausedMs;
    });
  }

  snapshot(): SinkMetricsSnapshot {
    return {
      flushes: this.flushes,
      recordsFlushed: this.recordsFlushed,
      rowsInserted: { ...this.rowsInserted },
      commits: this.commits,
      commitFailures: this.commitFailures,
      retries: this.retries,
      refusedRows: this.refusedRows,
      deadLetters: this.deadLetters,
      droppedRows: this.droppedRows,
      clickhouseOutages: this.clickhouseOutages,
      clickhouseDownMs: this.clickhouseDownMs,
      pauses: this.pauses,
      pausedMs: this.pausedMs,
      lastFlushMs: this.lastFlushMs,
    };
  }
}
