import { type Kafka, type KafkaMessage, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';

async function readAll(
  kafka: Kafka,
  topic: string,
  readUncommitted: boolean,
  expected: number,
): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('txn-reader'), readUncommitted });
  const seen: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => resolve(), 15_000);
      consumer
        .run({
          eachMessage: async ({ message }: { message: KafkaMessage }) => {
            seen.push(message.value?.toString() ?? '');
            if (seen.length >= expected) {
              clearTimeout(timer);
              // Give a wrongly delivered extra record the chance to show up.
              setTimeout(resolve, 1500);
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe('Kafka transactions on the test services', () => {
  const kafka = testKafka();
  const topic = uniqueName('txn-check');

  beforeAll(async () => {
    await createTopics(kafka, [topic]);
    const producer = kafka.producer({
      transactionalId: uniqueName('txn-check-producer'),
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const send = async (values: string[], commit: boolean) => {
      const txn = await producer.transaction();
      await txn.send({ topic, messages: values.map((value) => ({ key: 'k', value })) });
      await (commit ? txn.commit() : txn.abort());
    };
    await send(['committed-1', 'committed-2'], true);
    await send(['aborted-1'], false);
    await send(['committed-3'], true);
    await producer.disconnect();
  });

  it('a read_committed consumer sees the committed records and never the aborted ones', async () => {
    const seen = await readAll(kafka, topic, false, 3);
    expect(seen).toEqual(['committed-1', 'committed-2', 'committed-3']);
  });

  it('a read_uncommitted consumer does see the aborted record, so the check above can fail', async () => {
    const seen = await readAll(kafka, topic, true, 4);
    expect(seen).toEqual(['committed-1', 'committed-2', 'aborted-1', 'committed-3']);
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });
});
