/**
 * What the Kafka client alone allows, without the runtime: consume a topic
 * and copy each record to another, one transaction per `txn` records of a
 * partition with the input offset in it (the exactly-once loop with nothing
 * inside), with kafkajs and with @platformatic/kafka, in the same run.
 */
import {
  Consumer,
  FetchIsolationLevels,
  type Message as PlatformaticMessage,
  Producer,
} from '@platformatic/kafka';
import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { loadEndpoints } from '../../config/endpoints.ts';
import { createTopics } from '../../test/support/kafka.ts';
import { uniqueName } from '../../test/support/names.ts';
import { cpuMeter } from './cpu.ts';
import type { BaselineResult } from './measure.ts';

const copyValue = (offset: string, value: Buffer | null) =>
  JSON.stringify({ offset, value: JSON.parse(value?.toString() ?? 'null') });

const resultOf = (ms: number, records: number, spent: { node: number; broker: number | undefined }) => ({
  rate: (records / ms) * 1000,
  nodeUsPerRecord: (spent.node * 1e6) / records,
  brokerUsPerRecord: spent.broker === undefined ? undefined : (spent.broker * 1e6) / records,
});

/** kafkajs: a transactional producer per partition, as the runtime has. */
export async function kafkajsTransactionalCopy(
  kafka: Kafka,
  input: string,
  records: number,
  partitions: number,
  txn: number,
): Promise<BaselineResult> {
  const output = uniqueName('bench-txcopy');
  await createTopics(kafka, [output], { partitions });
  const groupId = uniqueName('bench-txcopy');
  const producers = await Promise.all(
    Array.from({ length: partitions }, async (_, p) => {
      const producer = kafka.producer({
        transactionalId: `${groupId}-${p}`,
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    }),
  );
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, readUncommitted: false });
  const cpu = cpuMeter();
  const began = performance.now();
  await consumer.connect();
  await consumer.subscribe({ topic: input, fromBeginning: true });
  let seen = 0;
  const ms = await new Promise<number>((resolve) => {
    void consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: partitions,
      eachBatch: async ({ batch, resolveOffset }) => {
        const producer = producers[batch.partition]!;
        for (let start = 0; start < batch.messages.length; start += txn) {
          const chunk = batch.messages.slice(start, start + txn);
          const last = chunk[chunk.length - 1]!;
          const transaction = await producer.transaction();
          await transaction.send({
            topic: output,
            messages: chunk.map((m) => ({ key: m.key, value: copyValue(m.offset, m.value) })),
          });
          await transaction.sendOffsets({
            consumerGroupId: groupId,
            topics: [
              {
                topic: input,
                partitions: [{ partition: batch.partition, offset: String(BigInt(last.offset) + 1n) }],
              },
            ],
          });
          await transaction.commit();
          resolveOffset(last.offset);
          seen += chunk.length;
          if (seen >= records) resolve(performance.now() - began);
        }
      },
    });
  });
  const spent = cpu();
  await consumer.disconnect();
  await Promise.all(producers.map((p) => p.disconnect()));
  return resultOf(ms, records, spent);
}

const brokers = () => [...loadEndpoints().kafkaBrokers];

/** @platformatic/kafka: raw consume (read_committed), timed from joining the group. */
export async function platformaticConsume(input: string, records: number): Promise<BaselineResult> {
  const consumer = new Consumer({
    groupId: uniqueName('bench-pk-raw'),
    clientId: 'bench',
    bootstrapBrokers: brokers(),
  });
  const cpu = cpuMeter();
  const began = performance.now();
  const stream = await consumer.consume({
    topics: [input],
    mode: 'earliest',
    autocommit: false,
    isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    maxWaitTime: 100,
  });
  let seen = 0;
  for await (const message of stream) {
    if (message.value) seen++;
    if (seen >= records) break;
  }
  const ms = performance.now() - began;
  const spent = cpu();
  await stream.close();
  await consumer.close();
  return resultOf(ms, records, spent);
}

/** @platformatic/kafka: the transactional copy, one transactional producer per partition. */
export async function platformaticTransactionalCopy(
  kafka: Kafka,
  input: string,
  records: number,
  partitions: number,
  txn: number,
): Promise<BaselineResult> {
  const output = uniqueName('bench-pk-txcopy');
  await createTopics(kafka, [output], { partitions });
  const groupId = uniqueName('bench-pk-txcopy');
  const producers = Array.from(
    { length: partitions },
    (_, p) =>
      new Producer({
        clientId: 'bench',
        bootstrapBrokers: brokers(),
        idempotent: true,
        transactionalId: `${groupId}-${p}`,
      }),
  );
  const consumer = new Consumer({ groupId, clientId: 'bench', bootstrapBrokers: brokers() });
  const cpu = cpuMeter();
  const began = performance.now();
  const stream = await consumer.consume({
    topics: [input],
    mode: 'earliest',
    autocommit: false,
    isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    maxWaitTime: 100,
  });
  const pending = new Map<number, PlatformaticMessage[]>();
  // A partition's transactions follow each other on its producer; partitions run side by side.
  const chains = new Map<number, Promise<void>>();
  let seen = 0;
  let buffered = 0;
  const commitChunk = async (partition: number, chunk: PlatformaticMessage[]) => {
    const transaction = await producers[partition]!.beginTransaction();
    await transaction.send({
      messages: chunk.map((m) => ({
        topic: output,
        key: m.key,
        value: Buffer.from(copyValue(String(m.offset), m.value)),
      })),
    });
    await transaction.addConsumer(consumer);
    await transaction.addOffset(chunk[chunk.length - 1]!);
    await transaction.commit();
    seen += chunk.length;
  };
  const flush = (partition: number) => {
    const chunk = pending.get(partition) ?? [];
    pending.set(partition, []);
    if (chunk.length === 0) return;
    chains.set(
      partition,
      (chains.get(partition) ?? Promise.resolve()).then(() => commitChunk(partition, chunk)),
    );
  };
  for await (const message of stream) {
    const list = pending.get(message.partition) ?? [];
    list.push(message);
    pending.set(message.partition, list);
    buffered++;
    if (list.length >= txn) flush(message.partition);
    // The last records of the input: every partition's remainder goes.
    if (buffered >= records) {
      for (const partition of [...pending.keys()]) flush(partition);
      break;
    }
  }
  await Promise.all(chains.values());
  if (seen < records) throw new Error(`copied ${seen} of ${records}`);
  const ms = performance.now() - began;
  const spent = cpu();
  await stream.close();
  await consumer.close();
  return resultOf(ms, records, spent);
}
