// Registers every project schema with the registry at SCHEMA_REGISTRY_URL and
// sends one record of each topic through Kafka at KAFKA_BROKERS and back,
// on topics of its own.
import { type Kafka, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPIC_NAMES, type TopicName } from '../../../schemas/topics.ts';
import { parseWriterSchema, readerType } from '../../../streams/serde/avro-codec.ts';
import { createHttpRegistryClient } from '../../../streams/serde/registry-http.ts';
import { createSerde } from '../../../streams/serde/serde.ts';
import { SAMPLE_CLOCK, SAMPLES } from '../../fixtures/avro/samples.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';

const registry = createHttpRegistryClient();
const serde = createSerde({ registry, clock: () => SAMPLE_CLOCK });
const ownTopics = new Map<TopicName, string>(
  TOPIC_NAMES.map((topic) => [topic, uniqueName(`serde-it.${topic}`)]),
);
let kafka: Kafka;

beforeAll(async () => {
  kafka = testKafka();
  await createTopics(kafka, [...ownTopics.values()]);
});

describe('serde against the registry and Kafka', () => {
  it('registers every schema idempotently, and the registry gives each back', async () => {
    const first = await serde.registerAll();
    const again = await createSerde({ registry }).registerAll();
    expect(again).toEqual(first);
    for (const [topic, id] of first) {
      const text = await registry.schemaById(id);
      expect(text, topic).toBeDefined();
      expect(parseWriterSchema(text!).canonical, topic).toBe(JSON.stringify(readerType(topic).schema()));
    }
  });

  it('round-trips one record of every topic through Kafka', async () => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (const [topic, own] of ownTopics) {
      await producer.send({
        topic: own,
        messages: [{ key: topic, value: await serde.encode(topic, SAMPLES[topic]) }],
      });
    }
    await producer.disconnect();

    const byOwnTopic = new Map([...ownTopics].map(([topic, own]) => [own, topic]));
    const received = new Map<TopicName, unknown>();
    const consumer = kafka.consumer({ groupId: uniqueName('serde-it') });
    await consumer.connect();
    await consumer.subscribe({ topics: [...ownTopics.values()], fromBeginning: true });
    const done = new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ topic: own, message }) => {
            const topic = byOwnTopic.get(own)!;
            const result = await serde.decode(topic, message.value);
            received.set(topic, result.ok ? result.record : result.rejection);
            if (received.size === ownTopics.size) resolve();
          },
        })
        .catch(reject);
    });
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 60_000)),
    ]);
    await consumer.disconnect();

    for (const topic of TOPIC_NAMES) expect(received.get(topic), topic).toEqual(SAMPLES[topic]);
  });
});

afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [...ownTopics.values()] }).catch(() => undefined);
  await admin.disconnect();
});
