import type { Kafka } from 'kafkajs';
import { StreamRuntime } from '../runtime/runtime.ts';
import type { Codec, ProcessorDefinition } from '../runtime/types.ts';
import type { Serde } from '../serde/serde.ts';
import { ensureTopics, type TopicPlan } from './topics.ts';

export interface ComposeOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly codec: Codec<unknown>;
  readonly definitions: readonly ProcessorDefinition<unknown>[];
  /** Every topic the processors touch, created when missing before anything starts. */
  readonly topics: readonly TopicPlan[];
  readonly deadLetterTopic: string;
  readonly maxRecordsPerTransaction?: number;
  readonly sessionTimeoutMs?: number;
}

export interface ComposedApp {
  readonly runtimes: readonly StreamRuntime<unknown>[];
  /** Creates missing topics, registers the schemas, then starts every processor in order. */
  start(): Promise<void>;
  /** Stops them in reverse order, each finishing its transaction in progress. */
  stop(): Promise<void>;
}

/** Processors built apart from starting them: one runtime each, sharing a codec and a dead-letter topic. */
export function composeApp(options: ComposeOptions): ComposedApp {
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
    async start() {
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
    async stop() {
      for (const runtime of [...runtimes].reverse()) await runtime.stop();
    },
  };
}
