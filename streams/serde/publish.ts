// Publishes records of a contract the way every producer of the project
// must: keyed by the contract's key fields, encoded through the registry, on
// the prefixed topic name, and with the Kafka record timestamp set to the
// record's own event time (so tools that read Kafka timestamps agree with
// the processors, which read the payload).
import type { Kafka, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { eventTimeOf } from '../../schemas/event-time.ts';
import { keyOf, type TopicName } from '../../schemas/topics.ts';
import type { TopicRecords } from '../../schemas/types.generated.ts';
import type { Serde } from './serde.ts';

export interface PublisherOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  /** AMC_TOPIC_PREFIX: prepended to the contract's topic name. */
  readonly topicPrefix: string;
  /** Messages per produce request. */
  readonly batchSize?: number;
}

export interface Publisher {
  /** Publishes the records in order; resolves once Kafka acknowledged them all. */
  publish<T extends TopicName>(contract: T, records: readonly TopicRecords[T][]): Promise<void>;
  /** The topic a contract's records go to. */
  topicOf(contract: TopicName): string;
  close(): Promise<void>;
}

/** The Kafka message of a record: contract key, Avro value, event time as its timestamp. */
export async function messageOf<T extends TopicName>(serde: Serde, contract: T, record: TopicRecords[T]) {
  return {
    key: keyOf(contract, record),
    value: await serde.encode(contract, record),
    timestamp: String(eventTimeOf(contract, record)),
  };
}

export async function createPublisher(options: PublisherOptions): Promise<Publisher> {
  const batchSize = options.batchSize ?? 500;
  // Java-compatible murmur2, the partitioner the project itself uses; idempotent so a retry adds nothing.
  const producer: Producer = options.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const topicOf = (contract: TopicName) => `${options.topicPrefix}${contract}`;
  return {
    topicOf,
    async publish(contract, records) {
      for (let start = 0; start < records.length; start += batchSize) {
        const slice = records.slice(start, start + batchSize);
        const messages = await Promise.all(slice.map((record) => messageOf(options.serde, contract, record)));
        await producer.send({ topic: topicOf(contract), messages });
      }
    },
    close: () => producer.disconnect(),
  };
}
