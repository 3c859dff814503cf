import type { Kafka } from 'kafkajs';
import { StreamRuntime } from '../runtime/runtime.ts';
import type { Codec, ProcessorDefinition } from '../runtime/types.ts';
import type { Serde } from '../serde/serde.ts';
import { ensureTopics, type TopicPlan } from './topics.ts';

export interface RuntimeSetOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly codec: Codec<unknown>;
  readonly definitions: readonly ProcessorDefinition<unknown>[];
  /** Every topic the processors read or write, created when missing. */
  readonly topics: readonly TopicPlan[];
  readonly deadLetterTopic: string;
  readonly maxRecordsPerTransaction?: number;
  readonly sessionTimeoutMs?: number;
}

export interface RuntimeSet {
  readonly runtimes: readonly StreamRuntime<unknown>[];
  /** What each runtime runs, in the same order: the composition as built, for describing and testing it. */
  readonly definitions: readonly ProcessorDefinition<unknown>[];
  /** Creates the missing topics, registers the schemas, then starts every processor. */
  start(): Promise<void>;
  /** Stops them in reverse order: downstream first. */
  stop(): Promise<void>;
}

/** Processors, each an exactly-once runtime of its own, started and stopped together. */
export function runtimeSet(options: RuntimeSetOptions): RuntimeSet {
  const runtimes = options.definitions.map(
    (definition) =>
      new StreamRuntime({
        kafka: options.kafka,
        definition,
        codec: options.codec,
        deadLetterTopic: options.deadLetterTopic,
        ...(options.maxRecordsPerTransaction
          ? { maxRecordsPerTransaction: options.maxRecordsPerTransaction }
          : {}),
        ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
      }),
  );
  return {
    runtimes,
    definitions: options.definitions,
    async start(): Promise<void> {
      const admin = options.kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, options.topics);
      } finally {
        await admin.disconnect();
      }
      await options.serde.registerAll();
      for (const runtime of runtimes) await runtime.start();
    },
    async stop(): Promise<void> {
      for (const runtime of [...runtimes].reverse()) await runtime.stop();
    },
  };
}
