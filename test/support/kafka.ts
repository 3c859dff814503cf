import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints } from '../../config/endpoints.ts';
import { KEEP_FOREVER } from '../../streams/app/topics.ts';
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

/** Creates topics (auto-creation is off on the stack) and waits for their leaders. */
export async function createTopics(
  kafka: Kafka,
  topics: readonly string[],
  options: { partitions?: number; compact?: boolean } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: options.partitions ?? 1,
        replicationFactor: 1,
        configEntries: options.compact ? [{ name: 'cleanup.policy', value: 'compact' }] : KEEP_FOREVER,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
