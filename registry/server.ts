/**
 * The built-in schema registry process, as the local stack starts it:
 * `npx tsx registry/server.ts`, configured by REGISTRY_HOST, REGISTRY_PORT,
 * KAFKA_BROKERS and REGISTRY_TOPIC (see server-config.ts for defaults).
 */
import { buildRegistryApp } from './app.ts';
import { KafkaRegistryStore } from './kafka-store.ts';
import { readServerConfig } from './server-config.ts';

const config = readServerConfig(process.env);
const store = new KafkaRegistryStore({ brokers: config.brokers, topic: config.topic });
const app = buildRegistryApp({ store, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[registry] ${signal}: stopping`);
  try {
    await app.close();
    process.exit(0);
  } catch (error) {
    console.error('[registry] error while stopping', error);
    process.exit(1);
  }
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));

try {
  await store.start();
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(
    `[registry] ready on ${address} (topic ${config.topic}, brokers ${config.brokers.join(',')}, ` +
      `${store.state.subjects(false).length} subjects, max id ${store.state.maxId()})`,
  );
} catch (error) {
  console.error('[registry] failed to start', error);
  await app.close().catch(() => undefined);
  process.exit(1);
}
