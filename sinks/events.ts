import { EventEmitter } from 'node:events';

/** Named sink events: every state change a log line, a dashboard or a test can observe. */
export const SinkEvents = {
  STARTED: 'started',
  FLUSH: 'flush',
  COMMIT: 'commit',
  COMMIT_FAILED: 'commit.failed',
  RETRY: 'retry',
  CLICKHOUSE_UNAVAILABLE: 'clickhouse.unavailable',
  CLICKHOUSE_AVAILABLE: 'clickhouse.available',
  PAUSED: 'paused',
  RESUMED: 'resumed',
  ROW_REFUSED: 'row.refused',
  DEAD_LETTER: 'dead-letter',
  ROW_DROPPED: 'row.dropped',
  CRASH: 'crash',
  STOPPED: 'stopped',
} as const;

export type SinkEventName = (typeof SinkEvents)[keyof typeof SinkEvents];

export interface SourcePosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface SinkEventPayloads {
  started: { readonly topics: readonly string[]; readonly groupId: string };
  flush: {
    readonly reason: string;
    readonly records: number;
    readonly rows: Readonly<Record<string, number>>;
    readonly deadLetters: number;
    readonly durationMs: number;
  };
  commit: { readonly offsets: readonly SourcePosition[] };
  'commit.failed': { readonly offsets: readonly SourcePosition[]; readonly error: string };
  retry: {
    readonly what: string;
    readonly attempt: number;
    readonly delayMs: number;
    readonly error: string;
  };
  'clickhouse.unavailable': { readonly error: string };
  'clickhouse.available': { readonly downMs: number };
  paused: { readonly bufferedRecords: number };
  resumed: { readonly pausedMs: number };
  'row.refused': SourcePosition & { readonly table: string; readonly message: string };
  'dead-letter': SourcePosition & { readonly reasonCode: string; readonly reason: string };
  /** A dead letter that could not itself be stored: reported here since re-dead-lettering it would loop. */
  'row.dropped': SourcePosition & { readonly reason: string };
  crash: { readonly error: string };
  stopped: { readonly uncommittedRecords: number };
}

export class SinkEventEmitter extends EventEmitter {
  emitEvent<E extends SinkEventName>(event: E, payload: SinkEventPayloads[E]): void {
    this.emit(event, payload);
  }

  onEvent<E extends SinkEventName>(event: E, listener: (payload: SinkEventPayloads[E]) => void): this {
    return this.on(event, listener);
  }
}
