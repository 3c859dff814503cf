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
import { uniqueName } from '../../test/support/names.ts';
import { runClock, type Timing } from './clock.ts';
import { cpuMeter, cpuPerRecord } from './cpu.ts';
import type { BaselineResult } from './measure.ts';
import { benchTopic } from './topics.ts';

/** The copy's output value: the input record's value and offset, re-encoded, so each copy does the same work. */
export const copyValue = (offset: string, value: Buffer | null) =>
  JSON.stringify({ offset, value: JSON.parse(value?.toString() ?? 'null') });

/** What both copies are given: the input, how much of it, and the transaction size. */
export interface CopyRun {
  readonly kafka: Kafka;
  readonly input: string;
  readonly records: number;
  readonly partitions: number;
  readonly txn: number;
}

/** A fresh output topic and consumer group for one copy. */
export async function copyTarget({ kafka, partitions }: CopyRun, prefix: string) {
  const output = await benchTopic(kafka, prefix, partitions);
  return { output, groupId: uniqueName(prefix) };
}

/** kafkajs: a transactional producer per partition, as the runtime has. */
export async function kafkajsTransactionalCopy(run: CopyRun): Promise<BaselineResult> {
  const { kafka, input, records, partitions, txn } = run;
  const { output, groupId } = await copyTarget(run, 'bench-txcopy');
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
  const clock = runClock();
  await consumer.connect();
  await consumer.subscribe({ topic: input, fromBeginning: true });
  let seen = 0;
  const timing = await new Promise<Timing>((resolve) => {
    void consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: partitions,
      eachBatch: async ({ batch, resolveOffset }) => {
        clock.seen();
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
          if (seen >= records) resolve(clock.done(records));
        }
      },
    });
  });
  const spent = cpu();
  await consumer.disconnect();
  await Promise.all(producers.map((p) => p.disconnect()));
  return { ...timing, ...cpuPerRecord(spent, records) };
}

export const brokers = () => [...loadEndpoints().kafkaBrokers];

/** Joins the group and reads `input` from its start, read_committed, committing nothing. */
const readFromStart = (consumer: Consumer, input: string) =>
  consumer.consume({
    topics: [input],
    mode: 'earliest',
    autocommit: false,
    isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    maxWaitTime: 100,
  });

/** @platformatic/kafka: raw consume (read_committed). */
export async function platformaticConsume(input: string, records: number): Promise<BaselineResult> {
  const consumer = new Consumer({
    groupId: uniqueName('bench-pk-raw'),
    clientId: 'bench',
    bootstrapBrokers: brokers(),
  });
  const cpu = cpuMeter();
  const clock = runClock();
  const stream = await readFromStart(consumer, input);
  let seen = 0;
  for await (const message of stream) {
    clock.seen();
    if (message.value) seen++;
    if (seen >= records) break;
  }
  const timing = clock.done(records);
  const spent = cpu();
  await stream.close();
  await consumer.close();
  return { ...timing, ...cpuPerRecord(spent, records) };
}

/** @platformatic/kafka: the transactional copy, one transactional producer per partition. */
export async function platformaticTransactionalCopy(run: CopyRun): Promise<BaselineResult> {
  const { input, records, partitions, txn } = run;
  const { output, groupId } = await copyTarget(run, 'bench-pk-txcopy');
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
  const clock = runClock();
  const stream = await readFromStart(consumer, input);
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
    clock.seen();
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
  const timing = clock.done(records);
  const spent = cpu();
  await stream.close();
  await consumer.close();
  return { ...timing, ...cpuPerRecord(spent, records) };
}
