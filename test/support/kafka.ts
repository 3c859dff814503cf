import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints } from '../../config/endpoints.ts';
import { ensureTopics } from '../../streams/app/topics.ts';
import { runtimeLogCreator } from '../../streams/runtime/kafka-logging.ts';
import { uniqueName } from './names.ts';

export function testKafka(clientId = uniqueName('amc-test')): Kafka {
  return new Kafka({
    clientId,
    brokers: [...loadEndpoints().kafkaBrokers],
    logLevel: logLevel.WARN,
    logCreator: runtimeLogCreator,
  });
}

/** Creates topics (auto-creation is off on the stack), as the job does for its own. */
export async function createTopics(
  kafka: Kafka,
  topics: readonly string[],
  options: { partitions?: number; compact?: boolean } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      topics.map((name) => ({
        name,
        partitions: options.partitions ?? 1,
        compact: options.compact ?? false,
      })),
    );
  } finally {
    await admin.disconnect();
  }
}
