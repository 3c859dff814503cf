import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { committedOffset } from './committed-offset.ts';
import { classifyError, RuntimeError } from './errors.ts';
import { RuntimeEventEmitter } from './events.ts';
import { RuntimeMetrics } from './metrics.ts';
import { PartitionTask, type TaskOptions } from './task.ts';
import { prepareTopics } from './topics.ts';
import { type RuntimeTuning, resolveTuning } from './tuning.ts';
import type { Codec, ProcessorDefinition } from './types.ts';

export interface RuntimeOptions<V> {
  readonly kafka: Kafka;
  readonly definition: ProcessorDefinition<V>;
  readonly codec: Codec<V>;
  readonly deadLetterTopic?: string;
  /** Records per transaction at most: larger is faster, smaller commits sooner. */
  readonly maxRecordsPerTransaction?: number;
  readonly partitionsConsumedConcurrently?: number;
  readonly transactionTimeoutMs?: number;
  readonly sessionTimeoutMs?: number;
  /** Pause after a failed transaction before the partition is read again. */
  readonly retryBackoffMs?: number;
  /** How transactions are written (streams/runtime/tuning.ts); the defaults are the fastest. */
  readonly tuning?: Partial<RuntimeTuning>;
}

const key = (topic: string, partition: number) => `${topic}/${partition}`;

/** Runs `work` while heartbeating the group every second (kafkajs only heartbeats between batches). */
async function whileHeartbeating<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void heartbeat().catch(() => undefined), 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Runs one processor with exactly-once semantics: a consumer group over its
 * inputs, a task per assigned partition (state restored from its changelogs,
 * its own transactional producer), one transaction per chunk of records.
 */
export class StreamRuntime<V> {
  readonly events = new RuntimeEventEmitter();
  readonly metrics = new RuntimeMetrics(this.events);
  private readonly tasks = new Map<string, PartitionTask>();
  private readonly toValidate = new Set<string>();
  /** Counts assignments seen, so a task opened across one is validated. */
  private assignments = 0;
  private consumer: Consumer | undefined;
  private readonly taskOptions: TaskOptions;
  private crashed: ((err: unknown) => void) | undefined;
  /** Settles when the runtime stops: rejects if it stopped on a fatal error. */
  readonly done: Promise<void>;
  private resolveDone: (() => void) | undefined;

  constructor(private readonly options: RuntimeOptions<V>) {
    this.taskOptions = {
      kafka: options.kafka,
      definition: options.definition as ProcessorDefinition<unknown>,
      codec: options.codec as Codec,
      events: this.events,
      deadLetterTopic: options.deadLetterTopic ?? 'amc.learning.dead-letters.v1',
      transactionTimeoutMs: options.transactionTimeoutMs ?? 60_000,
      partitionCounts: new Map(),
      tuning: resolveTuning(options.tuning),
    };
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.crashed = reject;
    });
    this.done.catch(() => undefined);
  }

  get applicationId(): string {
    return this.options.definition.applicationId;
  }

  /** The topics this processor's consumer group reads. */
  get inputTopics(): readonly string[] {
    return this.options.definition.inputTopics;
  }

  async start(): Promise<void> {
    const { kafka, definition } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { partitions } = await prepareTopics(admin, definition as ProcessorDefinition<unknown>);
      const marksTo = definition.forwardTimeMarks?.topic;
      if (marksTo !== undefined) this.taskOptions.partitionCounts.set(marksTo, partitions.get(marksTo)!);
    } finally {
      await admin.disconnect();
    }
    const consumer = kafka.consumer({
      groupId: definition.applicationId,
      readUncommitted: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      rebalanceTimeout: 60_000,
      maxWaitTimeInMs: 100,
      retry: { restartOnFailure: async (err) => classifyError(err) !== 'fatal' },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.onAssignment(payload.memberAssignment));
    // kafkajs never hands eachBatch a batch of transaction markers only; its instrumentation event still tells.
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize !== 0 || payload.offsetLag !== '0' || !definition.forwardTimeMarks) return;
      void this.onCaughtUpWithoutRecords(payload.topic, payload.partition, BigInt(payload.lastOffset) + 1n);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.events.emitEvent('crash', { error: String(payload.error) });
      this.crashed?.(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...definition.inputTopics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private onAssignment(assignment: Record<string, number[]>): void {
    this.assignments++;
    const assigned = new Set(
      Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => key(topic, p))),
    );
    this.events.emitEvent('rebalance', {
      assigned: Object.entries(assignment).map(([topic, partitions]) => ({ topic, partitions })),
    });
    for (const [id, task] of this.tasks) {
      if (assigned.has(id)) {
        // Kept across a rebalance: still ours only if nobody committed in between.
        this.toValidate.add(id);
      } else {
        this.tasks.delete(id);
        void task.close();
        this.events.emitEvent('task.closed', {
          topic: task.topic,
          partition: task.partition,
          why: 'revoked',
        });
      }
    }
  }

  private async task(topic: string, partition: number): Promise<PartitionTask> {
    const id = key(topic, partition);
    const existing = this.tasks.get(id);
    if (existing && this.toValidate.delete(id)) {
      const committed = await committedOffset(this.options.kafka, this.applicationId, topic, partition);
      if (committed === existing.nextOffset) return existing;
      await this.dropTask(
        existing,
        `committed offset ${committed} moved while away (ours ${existing.nextOffset})`,
      );
    } else if (existing) {
      return existing;
    }
    const generation = this.assignments;
    const task = await PartitionTask.open(this.taskOptions, topic, partition);
    this.tasks.set(id, task);
    // A rebalance while the task opened was not seen by onAssignment: check the task before its next use.
    if (this.assignments !== generation) this.toValidate.add(id);
    return task;
  }

  private async dropTask(task: PartitionTask, why: string): Promise<void> {
    this.tasks.delete(key(task.topic, task.partition));
    await task.close();
    this.events.emitEvent('task.closed', { topic: task.topic, partition: task.partition, why });
  }

  private async onBatch({
    batch,
    isRunning,
    isStale,
    heartbeat,
    resolveOffset,
  }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    if (batch.messages.length === 0) return;
    // Where the fetched data ends, transaction markers included: at the partition's end, the task is caught up.
    const atEnd = batch.offsetLag() === '0';
    // Opening a task (fencing, restoring) can outlast the session timeout: keep the membership alive meanwhile.
    const task = await whileHeartbeating(heartbeat, () => this.task(topic, partition));
    const pending = fromOffset(batch.messages, task.nextOffset);
    // The consumer's own position moves only by resolveOffset; committed chunks move it on.
    const skipped = batch.messages.length - pending.length;
    if (skipped > 0) resolveOffset(batch.messages[skipped - 1]!.offset);
    this.events.emitEvent('batch.start', {
      topic,
      partition,
      records: batch.messages.length,
      firstOffset: batch.firstOffset() ?? '',
    });
    const chunkSize = this.options.maxRecordsPerTransaction ?? 500;
    let processed = 0;
    for (let start = 0; start < pending.length; start += chunkSize) {
      if (!isRunning() || isStale()) break;
      const chunk = pending.slice(start, start + chunkSize);
      try {
        const caughtUp = atEnd && start + chunkSize >= pending.length;
        await whileHeartbeating(heartbeat, () => task.processAndCommit(chunk, caughtUp));
        processed += chunk.length;
        resolveOffset(chunk[chunk.length - 1]!.offset);
      } catch (err) {
        await this.onTransactionFailed(task, err);
        return;
      }
      this.metrics.recordLag(topic, partition, Number(BigInt(batch.highWatermark) - task.nextOffset));
      await heartbeat();
    }
    this.events.emitEvent('batch.end', {
      topic,
      partition,
      processed,
      skipped: batch.messages.length - pending.length,
    });
  }

  /**
   * A batch of transaction markers only, at the end of the partition: a task
   * that sends time marks and has not yet said it is idle says so now (its
   * last records came in an earlier batch that did not reach the markers).
   */
  private async onCaughtUpWithoutRecords(topic: string, partition: number, endOffset: bigint): Promise<void> {
    const task = this.tasks.get(key(topic, partition));
    if (task === undefined || !task.state.wouldSendIdleMark() || endOffset <= task.nextOffset) return;
    try {
      await task.processAndCommit([], true, endOffset);
    } catch (err) {
      await this.onTransactionFailed(task, err).catch(() => undefined);
    }
  }

  private async onTransactionFailed(task: PartitionTask, err: unknown): Promise<void> {
    const errorClass = classifyError(err);
    this.events.emitEvent('abort', {
      topic: task.topic,
      partition: task.partition,
      reason: err instanceof Error ? err.message : String(err),
      errorClass,
    });
    if (errorClass === 'fatal') {
      this.events.emitEvent('crash', { error: String(err) });
      this.crashed?.(err);
      throw new RuntimeError(`fatal error in ${this.applicationId}: ${String(err)}`, 'fatal', { cause: err });
    }
    if (errorClass === 'fenced') await this.dropTask(task, `fenced: ${String(err)}`);
    // Read again from the last commit; the state was rolled back to it.
    this.consumer?.seek({ topic: task.topic, partition: task.partition, offset: task.nextOffset.toString() });
    await new Promise((resolve) => setTimeout(resolve, this.options.retryBackoffMs ?? 200));
  }

  /** Graceful stop: the batch in progress finishes its transaction, then the group is left. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    this.consumer = undefined;
    await consumer.stop();
    for (const task of this.tasks.values()) await task.close();
    this.tasks.clear();
    await consumer.disconnect();
    this.resolveDone?.();
  }
}

/**
 * The messages from `offset` on. A batch's offsets rise, and records already
 * committed are at most a few at its start (after a rebalance or a retried
 * fetch), so the scan stops at the first one to keep: one offset parsed, not
 * one a record.
 */
export function fromOffset(messages: readonly KafkaMessage[], offset: bigint): readonly KafkaMessage[] {
  let first = 0;
  while (first < messages.length && BigInt(messages[first]!.offset) < offset) first++;
  return first === 0 ? messages : messages.slice(first);
}
