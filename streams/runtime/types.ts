/**
 * The processor model: a processor is a pure function of its input records and
 * its state stores. The runtime owns everything else (consumer group,
 * transactions, changelogs, timers, shutdown).
 */

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [k: string]: JsonValue };

/** A decoded input record. Offsets are strings because Kafka offsets are 64-bit. */
export interface InputRecord<V = unknown> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /**
   * Event time, epoch milliseconds, read from the record itself by its topic's
   * extractor (never the Kafka record timestamp, which most producers set to
   * the wall clock).
   */
  readonly timestamp: number;
  readonly key: string | null;
  readonly value: V;
}

export interface OutputRecord {
  readonly topic: string;
  readonly key: string | null;
  readonly value: unknown;
  /** Event time of the output; defaults to the stream time when it was sent. */
  readonly timestamp?: number;
  /** Explicit partition; otherwise the key decides (Java-compatible murmur2). */
  readonly partition?: number;
}

export interface Timer {
  /** Unique within the partition; scheduling the same id again moves the timer. */
  readonly id: string;
  /** Stream time (epoch ms) at or after which the timer fires. */
  readonly at: number;
  readonly payload: JsonValue;
}

export interface KeyValueStore<V extends JsonValue = JsonValue> {
  get(key: string): V | undefined;
  put(key: string, value: V): void;
  delete(key: string): void;
  has(key: string): boolean;
  /** Entries in key order. */
  entries(): IterableIterator<[string, V]>;
  /** Entries with from <= key < to, in key order (descending with `reverse`); keys compare as strings do. */
  range(from: string, to: string, options?: { reverse?: boolean }): IterableIterator<[string, V]>;
  readonly size: number;
}

export interface ProcessorContext {
  readonly partition: number;
  /** The largest record timestamp this partition has seen. */
  readonly streamTime: number;
  store<V extends JsonValue = JsonValue>(name: string): KeyValueStore<V>;
  send(record: OutputRecord): void;
  schedule(timer: Timer): void;
  cancel(timerId: string): void;
  /** Sends the record being processed to the dead-letter topic instead of processing it. */
  reject(reasonCode: string, reason: string): void;
}

export type LateRecordPolicy = 'process' | 'dead-letter';

/** Forwarding of time marks: how a re-keying step lets idle partitions downstream move. */
export interface TimeMarkForwarding {
  /** The topic whose every partition receives this processor's marks. */
  readonly topic: string;
  /**
   * Marks are sent when stream time enters a new bucket (e.g. an exchange
   * session date), so their number grows with time, not with records.
   */
  readonly bucketOf: (eventTime: number) => string;
}

export interface ProcessorDefinition<V = unknown> {
  /** Consumer group id, prefix of transactional ids and changelog topics. */
  readonly applicationId: string;
  readonly inputTopics: readonly string[];
  readonly stores: readonly string[];
  /** How far behind stream time a record may be and still count as on time. */
  readonly graceMs?: number;
  /** What to do with a record later than the grace period (counted either way). */
  readonly lateRecordPolicy?: LateRecordPolicy;
  /** Sends this processor's stream time downstream as time marks (see streams/runtime/time-marks.ts). */
  readonly forwardTimeMarks?: TimeMarkForwarding;
  process(record: InputRecord<V>, ctx: ProcessorContext): void;
  onTimer?(timer: Timer, ctx: ProcessorContext): void;
}

/** Why a record could not be processed; becomes a dead-letter record. */
export interface Rejection {
  readonly code: string;
  readonly reason: string;
}

/** A decoded value with its event time, or why it cannot be processed. */
export type Decoded<V> =
  | { readonly ok: true; readonly value: V; readonly eventTime: number }
  | ({ readonly ok: false } & Rejection);

/**
 * Turns bytes into values and back; the Avro serde or, in tests, JSON.
 * Decoding also reads the value's event time with its topic's extractor.
 */
export interface Codec<V = unknown> {
  /**
   * A codec may answer at once (the JSON codec does) or with a promise (the
   * Avro serde, which may have to ask the registry): the runtime decodes and
   * encodes a chunk of thousands of records and waits once, and only when
   * some answer is a promise.
   */
  decode(topic: string, value: Buffer | null): MaybePromise<Decoded<V>>;
  /** The record's value on the wire: bytes, or text the producer writes as UTF-8. */
  encode(topic: string, value: unknown): MaybePromise<Buffer | string>;
}

export type MaybePromise<T> = T | Promise<T>;

/** What the runtime hands the codec to encode for the dead-letter topic. */
export interface DeadLetter {
  readonly source_topic: string;
  readonly source_partition: number;
  readonly source_offset: number;
  /** The source record's Kafka timestamp, as it was. */
  readonly source_timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly reason_code: string;
  readonly reason: string;
  readonly processor: string;
  /** The record's event time, or the partition's stream time when it has none: a replay gives the same. */
  readonly failed_at: number;
}
