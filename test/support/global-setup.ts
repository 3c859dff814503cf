import { spawnSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints, usesLocalStack } from '../../config/endpoints.ts';
import { stackDown, stackUp } from '../../stack/stack.ts';
import { deleteStaleTestTopics } from './stale-topics.ts';

/** Runs on one machine can overlap; a run of the suite lasts minutes, not hours. */
const STALE_AFTER_MS = 6 * 3_600_000;

/** Deletes the topics earlier test runs left on the local stack (see stale-topics.ts). */
async function tidyLocalKafka(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'amc-test-setup',
    brokers: [...loadEndpoints().kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deleted = await deleteStaleTestTopics(admin, STALE_AFTER_MS);
    if (deleted > 0) console.log(`[test] deleted ${deleted} topics left by test runs over 6 hours ago`);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Finds the services integration tests run against, in this order: the
 * endpoints named in the environment; containers when a Docker engine answers;
 * otherwise the local stack, started here if it is not up (and stopped again
 * afterwards only if it was started here).
 */
function dockerEngineAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    stdio: 'ignore',
    timeout: 5000,
  });
  return result.status === 0;
}

export default async function setup(): Promise<() => Promise<void>> {
  if (!usesLocalStack()) {
    process.env.AMC_TEST_SERVICES = 'env';
    return async () => undefined;
  }
  if (process.env.AMC_TEST_CONTAINERS !== 'false' && dockerEngineAnswers()) {
    const { startContainers } = await import('./containers.ts');
    const containers = await startContainers();
    Object.assign(process.env, containers.env, { AMC_TEST_SERVICES: 'containers' });
    return () => containers.stop();
  }
  process.env.AMC_TEST_SERVICES = 'local-stack';
  const { started } = await stackUp();
  await tidyLocalKafka();
  return async () => {
    if (started.length > 0) await stackDown(started);
  };
}
