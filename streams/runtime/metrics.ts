import type { RuntimeEventEmitter } from './events.ts';

export interface PartitionMetrics {
  readonly topic: string;
  readonly partition: number;
  /** High watermark minus the next offset to process, as of the last batch. */
  readonly lag: number;
  readonly restoreMs: number | undefined;
}

export interface MetricsSnapshot {
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly deadLetters: number;
  readonly lateRecords: number;
  readonly commits: number;
  readonly aborts: number;
  readonly retries: number;
  readonly commitLatencyMs: { readonly last: number; readonly mean: number; readonly max: number };
  readonly partitions: readonly PartitionMetrics[];
}

/** Counts what the runtime's events report; `snapshot()` is what the API serves. */
export class RuntimeMetrics {
  private recordsIn = 0;
  private recordsOut = 0;
  private deadLetters = 0;
  private lateRecords = 0;
  private commits = 0;
  private aborts = 0;
  private retries = 0;
  private latencyTotal = 0;
  private latencyLast = 0;
  private latencyMax = 0;
  private readonly partitions = new Map<
    string,
    { topic: string; partition: number; lag: number; restoreMs?: number }
  >();

  constructor(events: RuntimeEventEmitter) {
    events.onEvent('commit', (e) => {
      this.commits++;
      this.recordsIn += e.records;
      this.recordsOut += e.outputs;
      this.latencyLast = e.latencyMs;
      this.latencyTotal += e.latencyMs;
      this.latencyMax = Math.max(this.latencyMax, e.latencyMs);
    });
    events.onEvent('abort', () => this.aborts++);
    events.onEvent('retry', () => this.retries++);
    events.onEvent('dead-letter', () => this.deadLetters++);
    events.onEvent('late-record', () => this.lateRecords++);
    events.onEvent('restore', (e) => {
      this.entry(e.topic, e.partition).restoreMs = e.durationMs;
    });
  }

  private entry(topic: string, partition: number) {
    const id = `${topic}/${partition}`;
    let entry = this.partitions.get(id);
    if (!entry) {
      entry = { topic, partition, lag: 0 };
      this.partitions.set(id, entry);
    }
    return entry;
  }

  recordLag(topic: string, partition: number, lag: number): void {
    this.entry(topic, partition).lag = lag;
  }

  snapshot(): MetricsSnapshot {
    return {
      recordsIn: this.recordsIn,
      recordsOut: this.recordsOut,
      deadLetters: this.deadLetters,
      lateRecords: this.lateRecords,
      commits: this.commits,
      aborts: this.aborts,
      retries: this.retries,
      commitLatencyMs: {
        last: this.latencyLast,
        mean: this.commits === 0 ? 0 : this.latencyTotal / this.commits,
        max: this.latencyMax,
      },
      partitions: [...this.partitions.values()].map((p) => ({
        topic: p.topic,
        partition: p.partition,
        lag: p.lag,
        restoreMs: p.restoreMs,
      })),
    };
  }
}
