import { EventEmitter } from 'node:events';

/** Named runtime events: what a dashboard, a log line or a test can observe. */
export const RuntimeEvents = {
  BATCH_START: 'batch.start',
  BATCH_END: 'batch.end',
  COMMIT: 'commit',
  ABORT: 'abort',
  RESTORE: 'restore',
  REBALANCE: 'rebalance',
  DEAD_LETTER: 'dead-letter',
  LATE_RECORD: 'late-record',
  RETRY: 'retry',
  TASK_CLOSED: 'task.closed',
  CRASH: 'crash',
} as const;

export type RuntimeEventName = (typeof RuntimeEvents)[keyof typeof RuntimeEvents];

export interface RuntimeEventPayloads {
  'batch.start': { topic: string; partition: number; records: number; firstOffset: string };
  'batch.end': { topic: string; partition: number; processed: number; skipped: number };
  commit: {
    topic: string;
    partition: number;
    records: number;
    outputs: number;
    /** Records the transaction wrote: outputs, dead letters and changelog writes. */
    writes: number;
    nextOffset: string;
    latencyMs: number;
  };
  abort: { topic: string; partition: number; reason: string; errorClass: string };
  restore: { topic: string; partition: number; records: number; durationMs: number; nextOffset: string };
  rebalance: { assigned: { topic: string; partitions: number[] }[] };
  'dead-letter': { topic: string; partition: number; offset: string; code: string; reason: string };
  'late-record': { topic: string; partition: number; offset: string; timestamp: number; streamTime: number };
  retry: { topic: string; partition: number; what: string; attempt: number; error: string };
  'task.closed': { topic: string; partition: number; why: string };
  crash: { error: string };
}

export class RuntimeEventEmitter extends EventEmitter {
  emitEvent<E extends RuntimeEventName>(event: E, payload: RuntimeEventPayloads[E]): void {
    this.emit(event, payload);
  }

  onEvent<E extends RuntimeEventName>(event: E, listener: (payload: RuntimeEventPayloads[E]) => void): this {
    return this.on(event, listener);
  }
}
