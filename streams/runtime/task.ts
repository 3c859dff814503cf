import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { committedOffset } from './committed-offset.ts';
import type { RuntimeEventEmitter } from './events.ts';
import { whenAll } from './maybe-promise.ts';
import { PartitionProcessor } from './partition-processor.ts';
import { restorePartition } from './restore.ts';
import { changelogTopic, isStateful } from './topics.ts';
import { type OutgoingMessage, writeTransaction } from './transaction-writer.ts';
import type { RuntimeTuning } from './tuning.ts';
import type { Codec, DeadLetter, Decoded, ProcessorDefinition } from './types.ts';

export interface TaskOptions {
  readonly kafka: Kafka;
  readonly definition: ProcessorDefinition<unknown>;
  readonly codec: Codec;
  readonly events: RuntimeEventEmitter;
  readonly deadLetterTopic: string;
  readonly transactionTimeoutMs: number;
  /** Partition counts of the topics the processor sends time marks to. */
  readonly partitionCounts: Map<string, number>;
  readonly tuning: RuntimeTuning;
}

export const transactionalIdOf = (applicationId: string, topic: string, partition: number): string =>
  `${applicationId}-${topic}-${partition}`;

/**
 * The work of one input partition: its state, and the transactional producer
 * that commits its outputs, changelog writes and input offset together. The
 * producer's transactional id is fixed per partition, so whoever opens the
 * task next fences this one.
 */
export class PartitionTask {
  private constructor(
    private readonly options: TaskOptions,
    readonly topic: string,
    readonly partition: number,
    private readonly producer: Producer,
    readonly state: PartitionProcessor<unknown>,
    /** The offset of the next record to process: everything before it is committed. */
    public nextOffset: bigint,
  ) {}

  static async open(options: TaskOptions, topic: string, partition: number): Promise<PartitionTask> {
    const { kafka, definition, events } = options;
    const began = Date.now();
    const producer = kafka.producer({
      transactionalId: transactionalIdOf(definition.applicationId, topic, partition),
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: options.transactionTimeoutMs,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Unbounded retries, as kafkajs sets for an idempotent producer by default; only the first wait is ours.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: options.tuning.producerRetryInitialMs },
    });
    await producer.connect();
    // kafkajs initialises a transactional producer id lazily, at the first transaction. Begin one now,
    // before anything is read: the previous owner is fenced, its open transaction is aborted or, if it
    // was already committing, completed, so the changelogs and the committed offset read next are final.
    const fence = await producer.transaction();
    await fence.abort();
    const state = new PartitionProcessor(definition, partition);
    for (const [name, count] of options.partitionCounts) state.setPartitionCount(name, count);
    let restored = 0;
    try {
      if (isStateful(definition)) {
        const result = await restorePartition(kafka, state, async (markerKey, topics) => {
          const txn = await producer.transaction();
          try {
            await txn.sendBatch({
              topicMessages: topics.map((t) => ({
                topic: t,
                messages: [{ key: markerKey, value: null, partition }],
              })),
            });
            await txn.commit();
          } catch (err) {
            await txn.abort().catch(() => undefined);
            throw err;
          }
        });
        restored = result.records;
      }
      const nextOffset = await committedOffset(kafka, definition.applicationId, topic, partition);
      events.emitEvent('restore', {
        topic,
        partition,
        records: restored,
        durationMs: Date.now() - began,
        nextOffset: nextOffset.toString(),
      });
      return new PartitionTask(options, topic, partition, producer, state, nextOffset);
    } catch (err) {
      await producer.disconnect().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Processes `messages` (offsets at or past nextOffset) and commits them in
   * one transaction. `caughtUp`: they end where the partition ends, so
   * receivers of this processor's time marks can stop waiting for it. With no
   * messages (the partition ended in transaction markers only), `endOffset`
   * is where the committed offset moves.
   */
  processAndCommit(messages: readonly KafkaMessage[], caughtUp = false, endOffset?: bigint): Promise<void> {
    // One transaction at a time per task, whoever asks (the batch loop, or a caught-up notice).
    const run = this.tail.then(() => this.processAndCommitNow(messages, caughtUp, endOffset));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private tail: Promise<unknown> = Promise.resolve();

  private async processAndCommitNow(
    messages: readonly KafkaMessage[],
    caughtUp: boolean,
    endOffset: bigint | undefined,
  ): Promise<void> {
    const { codec, definition, events } = this.options;
    const began = Date.now();
    const decoded = await whenAll(messages.map((m) => codec.decode(this.topic, m.value)));
    // A record the processor throws on is a poison record: the chunk is rolled
    // back and run again with that record dead-lettered, so its partial writes vanish.
    const poison = new Map<string, string>();
    for (;;) {
      const failedAt = this.runChunk(messages, decoded, poison);
      if (failedAt === undefined) {
        if (caughtUp) this.state.caughtUp(this.topic);
        break;
      }
      this.state.rollback();
      poison.set(failedAt.offset, failedAt.error);
    }
    const last = messages[messages.length - 1];
    const next = last ? BigInt(last.offset) + 1n : endOffset;
    // Nothing new to commit (e.g. a caught-up notice for offsets already committed).
    if (next === undefined || next <= this.nextOffset) {
      this.state.rollback();
      return;
    }
    let writes = 0;
    const work = this.state.pending({ skipUnchangedTombstones: this.options.tuning.skipUnchangedTombstones });

    try {
      const topicMessages = new Map<string, OutgoingMessage[]>();
      const add = (topic: string, message: OutgoingMessage) => {
        const list = topicMessages.get(topic);
        if (list) list.push(message);
        else topicMessages.set(topic, [message]);
      };
      // Encoded side by side: one wait for the chunk's outputs rather than one each.
      const encoded = await whenAll(work.outputs.map((out) => codec.encode(out.topic, out.value)));
      const streamTime = this.state.streamTime;
      const asNumbers = this.options.tuning.timestampsAsNumbers;
      for (let i = 0; i < work.outputs.length; i++) {
        const out = work.outputs[i]!;
        const value = encoded[i]!;
        const time = out.timestamp ?? streamTime;
        const timestamp = asNumbers ? time : String(time);
        add(
          out.topic,
          out.partition === undefined
            ? { key: out.key, value, timestamp }
            : { key: out.key, value, timestamp, partition: out.partition },
        );
      }
      // Built only when there are dead letters: most chunks have none, and it would cost a map entry a record.
      const byOffset =
        work.rejected.length === 0 ? undefined : new Map(messages.map((m) => [m.offset, m] as const));
      for (const { record, rejection } of work.rejected) {
        const original = byOffset?.get(record.offset);
        const deadLetter: DeadLetter = {
          source_topic: record.topic,
          source_partition: record.partition,
          source_offset: Number(record.offset),
          source_timestamp: Number(original?.timestamp ?? record.timestamp),
          key: original?.key ?? null,
          value: original?.value ?? null,
          reason_code: rejection.code,
          reason: rejection.reason,
          processor: definition.applicationId,
          failed_at: record.timestamp,
        };
        add(this.options.deadLetterTopic, {
          // The contract's key: where the record came from (the original key is kept in the value).
          key: `${record.topic}:${record.partition}:${record.offset}`,
          value: await codec.encode(this.options.deadLetterTopic, deadLetter),
          timestamp: asNumbers ? record.timestamp : String(record.timestamp),
        });
        events.emitEvent('dead-letter', { ...record, code: rejection.code, reason: rejection.reason });
      }
      // A stateless processor keeps stream time in memory only: it has no changelogs to write.
      const changelogged = isStateful(definition) ? work.changes : new Map();
      for (const [store, changes] of changelogged) {
        const topic = changelogTopic(definition.applicationId, store);
        for (const [key, value] of changes) {
          add(topic, {
            key,
            value: value === undefined ? null : JSON.stringify(value),
            partition: this.partition,
          });
        }
      }
      await writeTransaction(
        this.producer,
        {
          topicMessages,
          offsets: { groupId: definition.applicationId, topic: this.topic, partition: this.partition, next },
        },
        this.options.tuning,
        this.onRetry,
      );
      for (const messages of topicMessages.values()) writes += messages.length;
    } catch (err) {
      this.state.rollback();
      throw err;
    }
    this.state.commit();
    this.nextOffset = next;
    events.emitEvent('commit', {
      topic: this.topic,
      partition: this.partition,
      records: messages.length,
      outputs: work.outputs.length,
      writes,
      nextOffset: next.toString(),
      latencyMs: Date.now() - began,
    });
  }

  /** Runs the processor over a chunk; returns the first record it threw on, if any. */
  private runChunk(
    messages: readonly KafkaMessage[],
    decoded: readonly Decoded<unknown>[],
    poison: ReadonlyMap<string, string>,
  ): { offset: string; error: string } | undefined {
    const { events } = this.options;
    const { topic, partition, state } = this;
    // One object per record, built once: this loop runs for every record the runtime reads.
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i]!;
      const result = decoded[i]!;
      const offset = message.offset;
      const eventTime = result.ok ? result.eventTime : Number.NaN;
      // A record without a usable event time is dead-lettered at the stream time: a replay does the same.
      const timestamp = Number.isFinite(eventTime) ? eventTime : this.rejectionTime(message);
      const poisonError = poison.size === 0 ? undefined : poison.get(offset);
      if (poisonError !== undefined) {
        state.reject(
          { topic, partition, offset, timestamp },
          { code: 'PROCESSOR_ERROR', reason: poisonError },
        );
        continue;
      }
      if (!result.ok) {
        state.reject({ topic, partition, offset, timestamp }, { code: result.code, reason: result.reason });
        continue;
      }
      if (!Number.isFinite(eventTime)) {
        state.reject(
          { topic, partition, offset, timestamp },
          { code: 'OUT_OF_RANGE', reason: `event time is ${eventTime}` },
        );
        continue;
      }
      const lateBefore = state.counters.lateRecords;
      const streamTime = state.streamTime;
      const key = message.key ? message.key.toString('utf8') : null;
      try {
        state.process({ topic, partition, offset, timestamp, key, value: result.value });
      } catch (err) {
        return { offset, error: err instanceof Error ? err.message : String(err) };
      }
      if (state.counters.lateRecords > lateBefore)
        events.emitEvent('late-record', { topic, partition, offset, timestamp, streamTime });
    }
    return undefined;
  }

  /** The stream time, or the Kafka timestamp before the partition has any. */
  private rejectionTime(message: KafkaMessage): number {
    const streamTime = this.state.streamTime;
    return Number.isFinite(streamTime) ? streamTime : Number(message.timestamp);
  }

  private readonly onRetry = (what: string) => (attempt: number, err: unknown) =>
    this.options.events.emitEvent('retry', {
      topic: this.topic,
      partition: this.partition,
      what,
      attempt,
      error: String(err),
    });

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}
