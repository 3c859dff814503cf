import { randomUUID } from 'node:crypto';
import { type Admin, type Consumer, Kafka, type KafkaConfig, logLevel, type Producer } from 'kafkajs';
import { waitForTopicMetadata } from '../streams/runtime/topic-metadata.ts';
import { RegistryError } from './errors.ts';
import { ensureRegistryTopic } from './kafka-topic.ts';
import { OffsetWaiters } from './offset-waiters.ts';
import { decodeRecord, encodeRecord, type RegistryRecord } from './records.ts';
import { RegistryState } from './state.ts';
import type { RegistryStore } from './store.ts';

export interface KafkaRegistryStoreOptions {
  readonly brokers: readonly string[];
  /** Compacted, single-partition topic holding the records; `_schemas` like Confluent's. */
  readonly topic: string;
  readonly clientId?: string;
  /** How long a write or a catch-up may wait for the topic to be read that far. */
  readonly timeoutMs?: number;
  readonly kafka?: Omit<KafkaConfig, 'brokers' | 'clientId'>;
  /** Told about records that could not be understood and were skipped. */
  readonly onSkipped?: (offset: string, key: string | null) => void;
}

const PARTITION = 0;

/**
 * Keeps the records in a compacted Kafka topic and the state in memory,
 * rebuilt by reading the topic from its start. Every instance reads every
 * record, so instances on the same topic converge on the same state.
 *
 * It reads with a consumer group of its own (a fresh id per instance, never
 * committing), because kafkajs has no group-less consumer.
 */
export class KafkaRegistryStore implements RegistryStore {
  readonly state = new RegistryState();
  private readonly options: KafkaRegistryStoreOptions;
  private readonly timeoutMs: number;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly consumer: Consumer;
  private readonly read = new OffsetWaiters();
  private closed = false;

  constructor(options: KafkaRegistryStoreOptions) {
    this.options = options;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const kafka = new Kafka({
      logLevel: logLevel.ERROR,
      ...options.kafka,
      clientId: options.clientId ?? 'amc-learning-registry',
      brokers: [...options.brokers],
    });
    this.admin = kafka.admin();
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    this.consumer = kafka.consumer({
      groupId: `amc-learning-registry-${randomUUID()}`,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 250,
    });
  }

  async start(): Promise<void> {
    await this.admin.connect();
    await ensureRegistryTopic(this.admin, this.options.topic);
    await waitForTopicMetadata(this.admin, [this.options.topic]);
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      if (!event.payload.restart)
        this.read.failAll(storeError('the registry topic reader stopped', event.payload.error));
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const key = message.key?.toString('utf8') ?? null;
          const record =
            key === null ? undefined : decodeRecord(key, message.value?.toString('utf8') ?? null);
          if (record) this.state.apply(record);
          else this.options.onSkipped?.(message.offset, key);
          this.read.advance(Number(message.offset) + 1);
        }
        // Nothing left behind this batch: the read position is the end of the partition.
        if (Number(batch.offsetLag()) <= 0) this.read.advance(Number(batch.highWatermark));
      },
    });
    await this.sync();
  }

  async sync(): Promise<void> {
    this.assertOpen();
    let end: number;
    try {
      const offsets = await this.admin.fetchTopicOffsets(this.options.topic);
      end = Number(offsets.find((entry) => entry.partition === PARTITION)?.high ?? 0);
    } catch (error) {
      throw storeError('could not read the end of the registry topic', error);
    }
    await this.waitFor(end);
  }

  async append(records: readonly RegistryRecord[]): Promise<void> {
    this.assertOpen();
    if (records.length === 0) return;
    let end: number;
    try {
      const [written] = await this.producer.send({
        topic: this.options.topic,
        acks: -1,
        messages: records.map((record) => ({ ...encodeRecord(record), partition: PARTITION })),
      });
      end = Number(written?.baseOffset ?? Number.NaN) + records.length;
    } catch (error) {
      throw storeError('could not write to the registry topic', error);
    }
    if (!Number.isFinite(end)) throw storeError('the broker did not say where the write landed');
    await this.waitFor(end);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.read.failAll(storeError('the registry store is closed'));
    await Promise.allSettled([
      this.consumer.disconnect(),
      this.producer.disconnect(),
      this.admin.disconnect(),
    ]);
  }

  private waitFor(offset: number): Promise<void> {
    return this.read.until(
      offset,
      this.timeoutMs,
      () =>
        new RegistryError(
          'storeTimeout',
          `timed out reading the registry topic to offset ${offset} (at ${this.read.current})`,
        ),
    );
  }

  private assertOpen(): void {
    if (this.closed) throw storeError('the registry store is closed');
  }
}

function storeError(what: string, cause?: unknown): RegistryError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new RegistryError('storeError', `Error in the backend data store (${what}${detail})`);
}
