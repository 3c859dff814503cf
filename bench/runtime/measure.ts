import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { StreamRuntime } from '../../streams/runtime/runtime.ts';
import { changelogStores, changelogTopic } from '../../streams/runtime/topics.ts';
import type { RuntimeTuning } from '../../streams/runtime/tuning.ts';
import type { Codec } from '../../streams/runtime/types.ts';
import { uniqueName } from '../../test/support/names.ts';
import { type RunClock, runClock, type Timing, timed } from './clock.ts';
import { cpuMeter, cpuPerRecord } from './cpu.ts';
import { type BenchProcessor, benchDefinition } from './processors.ts';
import { benchTopic, rememberBenchTopics } from './topics.ts';

export interface BaselineResult extends Timing {
  readonly nodeUsPerRecord: number;
  readonly brokerUsPerRecord: number | undefined;
}

/** An eachBatch that counts records with a value, and the timing once `records` of them came. */
export function countingBatches(records: number, clock: RunClock) {
  let seen = 0;
  let reached: (timing: Timing) => void = () => {};
  const timing = new Promise<Timing>((resolve) => {
    reached = resolve;
  });
  const eachBatch = async ({ batch }: { batch: { messages: readonly { value: Buffer | null }[] } }) => {
    clock.seen();
    for (const m of batch.messages) if (m.value) seen++;
    if (seen >= records) reached(clock.done(records));
  };
  return { eachBatch, timing };
}

/** Raw kafkajs consume. */
export function rawConsumeRate(kafka: Kafka, topic: string, records: number): Promise<BaselineResult> {
  return timed('raw consume', async () => {
    const cpu = cpuMeter();
    const consumer = kafka.consumer({ groupId: uniqueName('bench-raw'), maxWaitTimeInMs: 100 });
    const clock = runClock('raw consume');
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const counting = countingBatches(records, clock);
    void consumer.run({ eachBatch: counting.eachBatch });
    const timing = await counting.timing;
    const spent = cpu();
    await consumer.disconnect();
    return { ...timing, ...cpuPerRecord(spent, records) };
  });
}

/** Consume and produce one output per record, no transactions: what kafkajs alone costs. */
export function consumeProduceRate(
  kafka: Kafka,
  topic: string,
  records: number,
  partitions: number,
  label: string,
): Promise<BaselineResult> {
  return timed(label, async () => {
    const cpu = cpuMeter();
    const output = await benchTopic(kafka, 'bench-copy', partitions);
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: uniqueName('bench-copy'), maxWaitTimeInMs: 100 });
    const clock = runClock(label);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    const timing = await new Promise<Timing>((resolve) => {
      void consumer.run({
        partitionsConsumedConcurrently: partitions,
        eachBatch: async ({ batch }) => {
          clock.seen();
          const messages = batch.messages.map((m) => ({
            key: m.key,
            value: JSON.stringify({ offset: m.offset, value: JSON.parse(m.value?.toString() ?? 'null') }),
          }));
          for (let start = 0; start < messages.length; start += 1000) {
            await producer.send({ topic: output, messages: messages.slice(start, start + 1000) });
          }
          seen += messages.length;
          if (seen >= records) resolve(clock.done(records));
        },
      });
    });
    const spent = cpu();
    await consumer.disconnect();
    await producer.disconnect();
    return { ...timing, ...cpuPerRecord(spent, records) };
  });
}

export interface EosResult extends Timing {
  readonly commits: number;
  readonly meanCommitMs: number;
  /** Records produced (outputs, dead letters, changelog writes) per input record. */
  readonly writesPerRecord: number;
  /** CPU microseconds per input record, of this process and of the broker (when it runs here). */
  readonly nodeUsPerRecord: number;
  readonly brokerUsPerRecord: number | undefined;
}

/** What every exactly-once case is given: how much input, the transaction size, the processor, a name. */
export interface EosCase {
  readonly records: number;
  readonly partitions: number;
  readonly txn: number;
  readonly processor: BenchProcessor;
  readonly label: string;
}

/** A benchmark processor under exactly-once in this process, one transaction per `txn` records of a partition. */
export function exactlyOnceRate(
  kafka: Kafka,
  input: string,
  options: EosCase & { readonly tuning: Partial<RuntimeTuning>; readonly codec: Codec },
): Promise<EosResult> {
  const { records, partitions, txn, tuning } = options;
  return timed(options.label, async () => {
    const output = await benchTopic(kafka, 'bench-out', partitions);
    const dlq = await benchTopic(kafka, 'bench-dlq');
    const definition = benchDefinition(options.processor, {
      applicationId: uniqueName('bench-eos'),
      inputTopic: input,
      outputTopic: output,
    });
    rememberBenchTopics(changelogStores(definition).map((s) => changelogTopic(definition.applicationId, s)));
    const runtime = new StreamRuntime({
      kafka,
      definition,
      codec: options.codec,
      deadLetterTopic: dlq,
      maxRecordsPerTransaction: txn,
      partitionsConsumedConcurrently: partitions,
      tuning,
    });
    let processed = 0;
    let writes = 0;
    const clock = runClock(options.label);
    const cpu = cpuMeter();
    runtime.events.onEvent('batch.start', () => clock.seen());
    const done = new Promise<Timing>((resolve) => {
      runtime.events.onEvent('commit', (e) => {
        writes += e.writes;
        processed += e.records;
        if (processed >= records) resolve(clock.done(records));
      });
    });
    await runtime.start();
    const timing = await done;
    const spent = cpu();
    const m = runtime.metrics.snapshot();
    await runtime.stop();
    return {
      ...cpuPerRecord(spent, records),
      ...timing,
      commits: m.commits,
      meanCommitMs: m.commitLatencyMs.mean,
      writesPerRecord: writes / processed,
    };
  });
}
