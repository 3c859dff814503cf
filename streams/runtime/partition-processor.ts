import { type StoreChange, TransactionalStore } from './store.ts';
import { isTimeMark, markSource, type SenderMark, timeMark, watermarkOf } from './time-marks.ts';
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
/** Prefix of the meta-store keys holding each mark sender's latest time. */
const MARK_KEY_PREFIX = 'mark:';

/** Where a rejected record came from: `timestamp` is its event time (or the stream time when it has none). */
export type RejectedRecord = Pick<InputRecord, 'topic' | 'partition' | 'offset' | 'timestamp'>;

/** A record to dead-letter, with where it came from. */
export interface RejectedInput {
  readonly record: RejectedRecord;
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
  timeMarks: number;
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
    timeMarks: 0,
  };
  /** Partition counts of the topics this processor sends time marks to. */
  private readonly partitionCounts = new Map<string, number>();
  /** The last mark this partition sent said it was idle (kept in memory: a restart sends afresh). */
  private sentIdle = false;
  private committedSentIdle = false;
  private readonly ctx: ProcessorContext;
  /** The runtime's own store (stream time, marks), read for every record. */
  private readonly meta: TransactionalStore;

  constructor(
    readonly definition: ProcessorDefinition<V>,
    readonly partition: number,
  ) {
    for (const name of [META_STORE, TIMER_STORE, ...definition.stores]) {
      this.stores.set(name, new TransactionalStore(name));
    }
    this.timers = new TimerQueue(this.store(TIMER_STORE));
    this.meta = this.store(META_STORE);
    this.ctx = this.makeContext();
  }

  store(name: string): TransactionalStore {
    const store = this.stores.get(name);
    if (!store) throw new Error(`${this.definition.applicationId}: no store named "${name}"`);
    return store;
  }

  /**
   * Stream time as last read from the runtime's store, and the store's version
   * then: read several times for every record, it is looked up again only
   * after the store changed (a put, a rollback, a restore).
   */
  private knownStreamTime = Number.NEGATIVE_INFINITY;
  private knownAtVersion = -1;

  get streamTime(): number {
    if (this.meta.version !== this.knownAtVersion) {
      const value = this.meta.get(STREAM_TIME_KEY);
      this.knownStreamTime = typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
      this.knownAtVersion = this.meta.version;
    }
    return this.knownStreamTime;
  }

  /** How many partitions `topic` has: marks go to each of them. */
  setPartitionCount(topic: string, partitions: number): void {
    this.partitionCounts.set(topic, partitions);
  }

  private setStreamTime(time: number): void {
    this.meta.put(STREAM_TIME_KEY, time);
    this.knownStreamTime = time;
    this.knownAtVersion = this.meta.version;
  }

  /**
   * Processes one decoded record: a time mark moves the watermark; anything
   * else goes through the late-record policy and the processor. Due timers
   * fire after either, and marks go downstream when stream time entered a
   * new bucket, or when this partition delivers again after being idle.
   */
  process(record: InputRecord<V>): void {
    const before = this.streamTime;
    if (isTimeMark(record.value)) this.receiveMark(record.value.$mark.source, record.value.$mark);
    else this.processRecord(record);
    this.fireDueTimers();
    const forwarding = this.definition.forwardTimeMarks;
    if (!forwarding) return;
    const now = this.streamTime;
    const newBucket =
      now !== before &&
      (!Number.isFinite(before) || forwarding.bucketOf(before) !== forwarding.bucketOf(now));
    if (newBucket || this.sentIdle) this.sendMarks(record.topic, false);
  }

  /**
   * The input partition has been read to its end: tell every receiver this
   * sender has delivered all it has, so its time no longer holds them back.
   */
  caughtUp(topic: string): void {
    if (this.wouldSendIdleMark()) this.sendMarks(topic, true);
  }

  /** True when a caught-up partition would now tell its receivers it is idle. */
  wouldSendIdleMark(): boolean {
    return (
      this.definition.forwardTimeMarks !== undefined && !this.sentIdle && Number.isFinite(this.streamTime)
    );
  }

  private receiveMark(source: string, mark: SenderMark): void {
    this.counters.timeMarks++;
    const meta = this.store(META_STORE);
    const key = `${MARK_KEY_PREFIX}${source}`;
    const previous = meta.get(key) as unknown as SenderMark | undefined;
    const next = { time: Math.max(previous?.time ?? mark.time, mark.time), idle: mark.idle };
    if (previous && previous.time === next.time && previous.idle === next.idle) return;
    meta.put(key, next);
    const senders: SenderMark[] = [];
    for (const [k, v] of meta.entries())
      if (k.startsWith(MARK_KEY_PREFIX)) senders.push(v as unknown as SenderMark);
    const watermark = watermarkOf(senders);
    if (watermark > this.streamTime) this.setStreamTime(watermark);
  }

  private sendMarks(inputTopic: string, idle: boolean): void {
    const forwarding = this.definition.forwardTimeMarks!;
    const partitions = this.partitionCounts.get(forwarding.topic);
    if (partitions === undefined)
      throw new Error(`${this.definition.applicationId}: partition count of ${forwarding.topic} unknown`);
    const now = this.streamTime;
    const mark = timeMark(markSource(this.definition.applicationId, inputTopic, this.partition), now, idle);
    for (let partition = 0; partition < partitions; partition++)
      this.outputs.push({ topic: forwarding.topic, key: null, value: mark, timestamp: now, partition });
    this.sentIdle = idle;
  }

  private processRecord(record: InputRecord<V>): void {
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
    if (record.timestamp > this.streamTime) this.setStreamTime(record.timestamp);
    this.current = record;
    this.currentRejection = undefined;
    try {
      this.definition.process(record, this.ctx);
    } finally {
      this.current = undefined;
    }
    if (this.currentRejection) this.reject(record, this.currentRejection);
  }

  /** A record that could not be decoded or broke the rules. */
  reject(record: RejectedRecord, rejection: Rejection): void {
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
  pending(options: { skipUnchangedTombstones?: boolean } = {}): PendingWork {
    const changes = new Map<string, readonly StoreChange[]>();
    for (const [name, store] of this.stores) {
      const changed = store.changes(options);
      if (changed.length > 0) changes.set(name, changed);
    }
    return { outputs: this.outputs, rejected: this.rejected, changes };
  }

  commit(): void {
    for (const store of this.stores.values()) store.commit();
    this.committedSentIdle = this.sentIdle;
    this.counters.recordsOut += this.outputs.length;
    this.outputs = [];
    this.rejected = [];
  }

  rollback(): void {
    for (const store of this.stores.values()) store.rollback();
    this.sentIdle = this.committedSentIdle;
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
