import { type StoreChange, TransactionalStore } from './store.ts';
import { TimerQueue } from './timers.ts';
import type {
  InputRecord,
  JsonValue,
  KeyValueStore,
  OutputRecord,
  ProcessorContext,
  ProcessorDefinition,
  Rejection,
} from './types.ts';

export const META_STORE = '__meta';
export const TIMER_STORE = '__timers';
const STREAM_TIME_KEY = 'stream_time';

/** A record to dead-letter, with where it came from. */
export interface RejectedInput {
  readonly record: Pick<InputRecord, 'topic' | 'partition' | 'offset' | 'timestamp'>;
  readonly rejection: Rejection;
}

export interface PendingWork {
  readonly outputs: OutputRecord[];
  readonly rejected: RejectedInput[];
  readonly changes: ReadonlyMap<string, readonly StoreChange[]>;
}

export interface PartitionCounters {
  recordsIn: number;
  recordsOut: number;
  rejected: number;
  lateRecords: number;
  timersFired: number;
}

/**
 * Everything a processor needs for one input partition, with no Kafka in it:
 * its stores, stream time and timers, and the outputs it produced since the
 * last commit. The Kafka task and the in-memory test driver both drive this,
 * so what the tests check is what runs.
 */
export class PartitionProcessor<V> {
  readonly stores = new Map<string, TransactionalStore>();
  private readonly timers: TimerQueue;
  private outputs: OutputRecord[] = [];
  private rejected: RejectedInput[] = [];
  private current: InputRecord<V> | undefined;
  private currentRejection: Rejection | undefined;
  readonly counters: PartitionCounters = {
    recordsIn: 0,
    recordsOut: 0,
    rejected: 0,
    lateRecords: 0,
    timersFired: 0,
  };
  private readonly ctx: ProcessorContext;

  constructor(
    readonly definition: ProcessorDefinition<V>,
    readonly partition: number,
  ) {
    for (const name of [META_STORE, TIMER_STORE, ...definition.stores]) {
      this.stores.set(name, new TransactionalStore(name));
    }
    this.timers = new TimerQueue(this.store(TIMER_STORE));
    this.ctx = this.makeContext();
  }

  store(name: string): TransactionalStore {
    const store = this.stores.get(name);
    if (!store) throw new Error(`${this.definition.applicationId}: no store named "${name}"`);
    return store;
  }

  get streamTime(): number {
    const value = this.store(META_STORE).get(STREAM_TIME_KEY);
    return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
  }

  /** Processes one decoded record: late-record policy, the processor, then due timers. */
  process(record: InputRecord<V>): void {
    this.counters.recordsIn++;
    const grace = this.definition.graceMs ?? 0;
    if (record.timestamp < this.streamTime - grace) {
      this.counters.lateRecords++;
      if ((this.definition.lateRecordPolicy ?? 'process') === 'dead-letter') {
        this.reject(record, {
          code: 'LATE_RECORD',
          reason: `event time ${record.timestamp} is more than ${grace} ms behind stream time ${this.streamTime}`,
        });
        return;
      }
    }
    if (record.timestamp > this.streamTime) this.store(META_STORE).put(STREAM_TIME_KEY, record.timestamp);
    this.current = record;
    this.currentRejection = undefined;
    try {
      this.definition.process(record, this.ctx);
    } finally {
      this.current = undefined;
    }
    if (this.currentRejection) this.reject(record, this.currentRejection);
    this.fireDueTimers();
  }

  /** A record that could not be decoded or broke the rules. */
  reject(record: RejectedInput['record'], rejection: Rejection): void {
    this.counters.rejected++;
    this.rejected.push({ record, rejection });
  }

  private fireDueTimers(): void {
    const onTimer = this.definition.onTimer;
    if (!onTimer) return;
    for (
      let timer = this.timers.nextDue(this.streamTime);
      timer;
      timer = this.timers.nextDue(this.streamTime)
    ) {
      this.timers.cancel(timer.id);
      this.counters.timersFired++;
      onTimer.call(this.definition, timer, this.ctx);
    }
  }

  /** What must be committed: outputs, dead letters, and each store's changed keys. */
  pending(): PendingWork {
    const changes = new Map<string, readonly StoreChange[]>();
    for (const [name, store] of this.stores) {
      const changed = store.changes();
      if (changed.length > 0) changes.set(name, changed);
    }
    return { outputs: this.outputs, rejected: this.rejected, changes };
  }

  commit(): void {
    for (const store of this.stores.values()) store.commit();
    this.counters.recordsOut += this.outputs.length;
    this.outputs = [];
    this.rejected = [];
  }

  rollback(): void {
    for (const store of this.stores.values()) store.rollback();
    this.outputs = [];
    this.rejected = [];
  }

  private makeContext(): ProcessorContext {
    const self = this;
    return {
      get partition() {
        return self.partition;
      },
      get streamTime() {
        return self.streamTime;
      },
      store<S extends JsonValue>(name: string): KeyValueStore<S> {
        if (name === META_STORE || name === TIMER_STORE)
          throw new Error(`store "${name}" belongs to the runtime`);
        return self.store(name) as unknown as KeyValueStore<S>;
      },
      send(record: OutputRecord) {
        self.outputs.push(
          record.timestamp === undefined ? { ...record, timestamp: self.streamTime } : record,
        );
      },
      schedule(timer) {
        self.timers.schedule(timer);
      },
      cancel(timerId) {
        self.timers.cancel(timerId);
      },
      reject(code, reason) {
        if (!self.current) throw new Error('reject() is only for the record being processed');
        self.currentRejection = { code, reason };
      },
    };
  }
}
