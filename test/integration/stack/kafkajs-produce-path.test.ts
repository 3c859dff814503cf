import { createRequire } from 'node:module';
import { CompressionTypes, type IHeaders, type Kafka, type Message, Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../streams/runtime/transaction-writer.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';

/*
 * The produce path as the broker sees it, after the install's patches
 * (one-buffer requests, key hash, batch checksum): the broker checks every
 * batch's CRC and refuses a corrupt one, and what comes back must be what was
 * sent, on the partition the original kafkajs would have picked.
 */
const require = createRequire(import.meta.url);
const originalHash = require(
  `${require.resolve('kafkajs/src/producer/partitioners/default/murmur2.js')}.orig`,
) as (key: Buffer | string) => number;

const PARTITIONS = 3;

interface Received {
  readonly partition: number;
  readonly key: string | null;
  readonly value: string | null;
  readonly timestamp: string;
  readonly headers: Record<string, string | string[]>;
}

const headerText = (headers: IHeaders | undefined): Record<string, string | string[]> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map((v) => v.toString()) : (value?.toString() ?? ''),
    ]),
  );

async function readBack(kafka: Kafka, topic: string, expected: number): Promise<Received[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('produce-path-reader'), maxWaitTimeInMs: 100 });
  const received: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 20_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            received.push({
              partition,
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              timestamp: message.timestamp,
              headers: headerText(message.headers),
            });
            if (received.length >= expected) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** What a message should come back as. */
const expectedOf = (message: OutgoingMessage): Omit<Received, 'partition'> => ({
  key: message.key == null ? null : message.key.toString(),
  value: message.value == null ? null : message.value.toString(),
  timestamp: String(message.timestamp),
  headers: headerText(message.headers),
});

describe("kafkajs' patched produce path against the broker", () => {
  it('delivers keys, values, headers and timestamps as sent, each key on its original partition', async () => {
    const kafka = testKafka();
    const topic = uniqueName('produce-path');
    await createTopics(kafka, [topic], { partitions: PARTITIONS });
    // Timestamps as text (kafkajs' type) and as numbers (what the runtime sends), on both paths.
    const messages: OutgoingMessage[] = [
      { key: 'AMC', value: '{"price":4.25}', timestamp: '1700000000000' },
      { key: 'ÉLAN-€', value: Buffer.from([0, 1, 2, 255]).toString('latin1'), timestamp: '1700000000001' },
      { key: Buffer.from('GME'), value: Buffer.from('bytes'), timestamp: 1000 },
      { key: 'K'.repeat(300), value: 'a long key', timestamp: '999' },
      { key: 'BBBY', value: null, timestamp: 1700000000002 },
      {
        key: 'TSLA',
        value: 'with headers',
        timestamp: '1700000000003',
        headers: { source: 'test', many: ['one', 'two'], bytes: Buffer.from('raw') },
      },
      { key: null, value: 'no key, its own partition', partition: 2, timestamp: 1700000000004 },
    ];
    const transactional = kafka.producer({
      transactionalId: uniqueName('produce-path'),
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const plain = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await transactional.connect();
    await plain.connect();
    try {
      const txn = await transactional.transaction();
      await txn.send({ topic, messages: messages.slice(0, 4) as Message[] });
      await txn.commit();
      // The rest without a transaction, one part through the compressed (original) path.
      await plain.send({ topic, messages: messages.slice(4, 6) as Message[] });
      await plain.send({
        topic,
        compression: CompressionTypes.GZIP,
        messages: messages.slice(6) as Message[],
      });
    } finally {
      await transactional.disconnect();
      await plain.disconnect();
    }

    const received = await readBack(kafka, topic, messages.length);
    const byValue = (records: readonly Omit<Received, 'partition'>[]) =>
      [...records].sort((a, b) => String(a.value).localeCompare(String(b.value)));
    expect(byValue(received.map(({ partition: _, ...rest }) => rest))).toEqual(
      byValue(messages.map(expectedOf)),
    );
    for (const record of received) {
      const sent = messages.find((m) => expectedOf(m).value === record.value)!;
      const partition =
        sent.partition ?? (originalHash(sent.key as Buffer | string) & 0x7fffffff) % PARTITIONS;
      expect(record.partition, `partition of ${record.key}`).toBe(partition);
    }
  });
});
