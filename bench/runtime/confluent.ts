/**
 * @confluentinc/kafka-javascript (librdkafka) in the shape of the other
 * client baselines: raw consume (read_committed) and the transactional copy,
 * through its KafkaJS-compatible API and through its native API.
 *
 * The copy uses one transactional producer for all partitions, librdkafka's
 * own way since KIP-447: the offsets go in with the consumer's group
 * metadata, so no producer per partition is needed to fence zombies. Its
 * transactions follow each other, one at a time.
 */
import { uniqueName } from '../../test/support/names.ts';
import { brokers, type CopyRun, copyTarget, copyValue } from './clients.ts';
import { runClock, type Timing } from './clock.ts';
import {
  type ConfluentClient,
  type ConfluentConsumer,
  loadConfluentClient,
  type NativeConsumer,
  type NativeProducer,
} from './confluent-client.ts';
import { cpuMeter, cpuPerRecord } from './cpu.ts';
import { type BaselineResult, countingBatches } from './measure.ts';

/**
 * librdkafka settings both APIs' consumers are given beyond its defaults.
 * The rest of its defaults stand: it prefetches into a local queue of
 * 100,000 messages / 64 MiB per partition and fetches up to 50 MiB a request.
 */
export const CONFLUENT_FETCH = {
  /** As the other clients' maxWaitTime: the broker answers an empty fetch within 100 ms. */
  'fetch.wait.max.ms': 100,
  /**
   * 10 MiB a partition a fetch, not 1 MiB; refetch as soon as the prefetch
   * queue is below its threshold, not 1 s later; a threshold of a million
   * records. Together they took the native raw consume from about 130k to
   * 180k records/s in trials on the local stack.
   */
  'max.partition.fetch.bytes': 10 * 1024 * 1024,
  'fetch.queue.backoff.ms': 0,
  'queued.min.messages': 1_000_000,
} as const;

/** Records per native consume call: enough to drain librdkafka's prefetch queue in few crossings. */
export const NATIVE_CONSUME_BATCH = 5000;

let client: ConfluentClient | undefined;
/** Installs (builds) the client into the cache on first use, before anything is timed. */
export function confluentClient(): ConfluentClient {
  client ??= loadConfluentClient();
  return client;
}

const TIMEOUT_MS = 30_000;
const call = (operation: (cb: (err: Error | null | undefined) => void) => void) =>
  new Promise<void>((resolve, reject) => operation((err) => (err ? reject(err) : resolve())));

const kafkaJs = () =>
  new (confluentClient().KafkaJS.Kafka)({
    // logLevel 1 = ERROR: its default INFO prints every join and assignment.
    kafkaJS: { brokers: brokers(), clientId: 'bench', logLevel: 1 },
  });

const kafkaJsConsumer = (groupId: string, maxBatch: number): ConfluentConsumer =>
  kafkaJs().consumer({
    kafkaJS: { groupId, fromBeginning: true, autoCommit: false, readUncommitted: false },
    ...CONFLUENT_FETCH,
    // The default hands eachBatch 32 records at a time.
    'js.consumer.max.batch.size': maxBatch,
  });

/** KafkaJS-compatible API: raw consume (read_committed) */
export async function confluentConsume(
  input: string,
  records: number,
  partitions: number,
  maxBatch: number,
): Promise<BaselineResult> {
  const consumer = kafkaJsConsumer(uniqueName('bench-ck-raw'), maxBatch);
  const cpu = cpuMeter();
  const clock = runClock();
  await consumer.connect();
  await consumer.subscribe({ topics: [input] });
  const counting = countingBatches(records, clock);
  void consumer.run({ partitionsConsumedConcurrently: partitions, eachBatch: counting.eachBatch });
  const timing = await counting.timing;
  const spent = cpu();
  await consumer.disconnect();
  return { ...timing, ...cpuPerRecord(spent, records) };
}

/** KafkaJS-compatible API: the transactional copy, one transaction per batch of at most `txn` records. */
export async function confluentTransactionalCopy(run: CopyRun): Promise<BaselineResult> {
  const { input, records, txn } = run;
  const { output, groupId } = await copyTarget(run, 'bench-ck-txcopy');
  const producer = kafkaJs().producer({ kafkaJS: { transactionalId: groupId, idempotent: true } });
  await producer.connect();
  // A batch is at most one transaction's worth of one partition.
  const consumer = kafkaJsConsumer(groupId, txn);
  const cpu = cpuMeter();
  const clock = runClock();
  await consumer.connect();
  await consumer.subscribe({ topics: [input] });
  let seen = 0;
  const timing = await new Promise<Timing>((resolve, reject) => {
    void consumer
      .run({
        // One producer is one transaction at a time, so batches come one at a time too.
        partitionsConsumedConcurrently: 1,
        eachBatch: async ({ batch }) => {
          clock.seen();
          const last = batch.messages[batch.messages.length - 1];
          if (!last) return;
          const transaction = await producer.transaction();
          await transaction.send({
            topic: output,
            messages: batch.messages.map((m) => ({
              key: m.key ?? null,
              value: copyValue(m.offset, m.value),
            })),
          });
          await transaction.sendOffsets({
            consumer,
            topics: [
              {
                topic: input,
                partitions: [{ partition: batch.partition, offset: String(BigInt(last.offset) + 1n) }],
              },
            ],
          });
          await transaction.commit();
          seen += batch.messages.length;
          if (seen >= records) resolve(clock.done(records));
        },
      })
      .catch(reject);
  });
  const spent = cpu();
  await consumer.disconnect();
  await producer.disconnect();
  return { ...timing, ...cpuPerRecord(spent, records) };
}

/** Native API: a consumer that reads `input` from its start, read_committed, committing nothing. */
async function nativeConsumer(input: string, groupId: string): Promise<NativeConsumer> {
  const consumer = new (confluentClient().KafkaConsumer)(
    {
      'bootstrap.servers': brokers().join(','),
      'group.id': groupId,
      'enable.auto.commit': false,
      'isolation.level': 'read_committed',
      ...CONFLUENT_FETCH,
    },
    { 'auto.offset.reset': 'earliest' },
  );
  await call((cb) => consumer.connect({}, cb));
  consumer.setDefaultConsumeTimeout(100);
  consumer.setDefaultIsTimeoutOnlyForFirstMessage(true);
  consumer.subscribe([input]);
  return consumer;
}

type NativeMessage = Parameters<Parameters<NativeConsumer['consume']>[1]>[1][number];
const consumeSome = (consumer: NativeConsumer) =>
  new Promise<NativeMessage[]>((resolve, reject) =>
    consumer.consume(NATIVE_CONSUME_BATCH, (err, messages) => (err ? reject(err) : resolve(messages))),
  );

/** Native API: raw consume (read_committed) */
export async function confluentNativeConsume(input: string, records: number): Promise<BaselineResult> {
  const cpu = cpuMeter();
  const clock = runClock();
  const consumer = await nativeConsumer(input, uniqueName('bench-ckn-raw'));
  let seen = 0;
  while (seen < records) {
    const messages = await consumeSome(consumer);
    if (messages.length > 0) clock.seen();
    for (const m of messages) if (m.value) seen++;
  }
  const timing = clock.done(records);
  const spent = cpu();
  await call((cb) => consumer.disconnect(cb));
  return { ...timing, ...cpuPerRecord(spent, records) };
}

/**
 * Native API: the transactional copy, one transaction per `txn` records of a
 * partition. `producers: 'one'` is librdkafka's way (KIP-447), its
 * transactions one after the other; 'per-partition' is the runtime's shape,
 * partitions' transactions side by side. Consuming goes on while they commit.
 */
export async function confluentNativeTransactionalCopy(
  run: CopyRun,
  producers: 'one' | 'per-partition' = 'one',
): Promise<BaselineResult> {
  const { input, records, partitions, txn } = run;
  const { output, groupId } = await copyTarget(run, 'bench-ckn-txcopy');
  const lanes = producers === 'one' ? 1 : partitions;
  const producerOf = await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const producer: NativeProducer = new (confluentClient().Producer)({
        'bootstrap.servers': brokers().join(','),
        'transactional.id': `${groupId}-${lane}`,
      });
      await call((cb) => producer.connect({}, cb));
      await call((cb) => producer.initTransactions(TIMEOUT_MS, cb));
      return producer;
    }),
  );
  const laneOf = (partition: number) => partition % lanes;
  const cpu = cpuMeter();
  const clock = runClock();
  const consumer = await nativeConsumer(input, groupId);
  const commitChunk = async (partition: number, chunk: NativeMessage[]) => {
    const producer = producerOf[laneOf(partition)]!;
    await call((cb) => producer.beginTransaction(cb));
    for (const m of chunk)
      producer.produce(output, partition, Buffer.from(copyValue(String(m.offset), m.value)), m.key);
    const next = Number(chunk[chunk.length - 1]!.offset) + 1;
    await call((cb) =>
      producer.sendOffsetsToTransaction(
        [{ topic: input, partition, offset: next }],
        consumer,
        TIMEOUT_MS,
        cb,
      ),
    );
    await call((cb) => producer.commitTransaction(TIMEOUT_MS, cb));
  };
  // A producer's transactions follow each other on its chain.
  const chains = new Map<number, Promise<void>>();
  const flush = (partition: number, chunk: NativeMessage[]) => {
    const lane = laneOf(partition);
    chains.set(
      lane,
      (chains.get(lane) ?? Promise.resolve()).then(() => commitChunk(partition, chunk)),
    );
  };
  const pending = new Map<number, NativeMessage[]>();
  let buffered = 0;
  while (buffered < records) {
    const messages = await consumeSome(consumer);
    if (messages.length > 0) clock.seen();
    for (const m of messages) {
      const list = pending.get(m.partition) ?? [];
      list.push(m);
      pending.set(m.partition, list);
      buffered++;
      if (list.length >= txn) flush(m.partition, list.splice(0));
    }
  }
  // The last records of the input: every partition's remainder goes.
  for (const [partition, list] of pending) if (list.length > 0) flush(partition, list.splice(0));
  await Promise.all(chains.values());
  const timing = clock.done(records);
  const spent = cpu();
  await call((cb) => consumer.disconnect(cb));
  await Promise.all(producerOf.map((producer) => call((cb) => producer.disconnect(cb))));
  return { ...timing, ...cpuPerRecord(spent, records) };
}

/** The measurements `bench:runtime --confluent` makes in each round, in the order it prints them. */
export const CONFLUENT_BASELINES: readonly {
  readonly name: string;
  readonly measure: (run: CopyRun) => Promise<BaselineResult>;
}[] = [
  {
    name: `KafkaJS-compatible API raw consume (read_committed), eachBatch of at most the copy's txn records`,
    measure: (run) => confluentConsume(run.input, run.records, run.partitions, run.txn),
  },
  {
    name: `native API raw consume (read_committed), consume(${NATIVE_CONSUME_BATCH})`,
    measure: (run) => confluentNativeConsume(run.input, run.records),
  },
  { name: 'transactional copy, KafkaJS-compatible API, one producer', measure: confluentTransactionalCopy },
  {
    name: 'transactional copy, native API, one producer',
    measure: (run) => confluentNativeTransactionalCopy(run, 'one'),
  },
  {
    name: 'transactional copy, native API, a producer per partition',
    measure: (run) => confluentNativeTransactionalCopy(run, 'per-partition'),
  },
];
