import { GenericContainer, Network, type StartedTestContainer, Wait } from 'testcontainers';

/**
 * The same three services as the local stack, in containers, for machines with
 * a Docker engine. Kafka's host listener is pinned to 9092 because a broker must
 * advertise the address clients reach it at; the registry talks to it on the
 * container network.
 */
export const IMAGES = {
  kafka: 'apache/kafka:3.9.1',
  registry: 'confluentinc/cp-schema-registry:7.7.1',
  clickhouse: 'clickhouse/clickhouse-server:24.8.4.13',
} as const;

export interface StartedContainers {
  readonly env: { KAFKA_BROKERS: string; SCHEMA_REGISTRY_URL: string; CLICKHOUSE_URL: string };
  stop(): Promise<void>;
}

export async function startContainers(): Promise<StartedContainers> {
  const network = await new Network().start();
  const kafka = await new GenericContainer(IMAGES.kafka)
    .withNetwork(network)
    .withNetworkAliases('kafka')
    .withExposedPorts({ container: 9092, host: 9092 })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
      KAFKA_LISTENERS: 'HOST://0.0.0.0:9092,INTERNAL://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093',
      KAFKA_ADVERTISED_LISTENERS: 'HOST://127.0.0.1:9092,INTERNAL://kafka:19092',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'HOST:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const started: StartedTestContainer[] = [kafka];
  try {
    const registry = await new GenericContainer(IMAGES.registry)
      .withNetwork(network)
      .withExposedPorts(8081)
      .withEnvironment({
        SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
        SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
        SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'PLAINTEXT://kafka:19092',
      })
      .withWaitStrategy(Wait.forHttp('/subjects', 8081))
      .start();
    started.push(registry);
    const clickhouse = await new GenericContainer(IMAGES.clickhouse)
      .withExposedPorts(8123)
      .withWaitStrategy(Wait.forHttp('/ping', 8123))
      .start();
    started.push(clickhouse);
    return {
      env: {
        KAFKA_BROKERS: '127.0.0.1:9092',
        SCHEMA_REGISTRY_URL: `http://${registry.getHost()}:${registry.getMappedPort(8081)}`,
        CLICKHOUSE_URL: `http://${clickhouse.getHost()}:${clickhouse.getMappedPort(8123)}`,
      },
      async stop() {
        for (const c of started.reverse()) await c.stop();
        await network.stop();
      },
    };
  } catch (err) {
    for (const c of started.reverse()) await c.stop().catch(() => undefined);
    await network.stop().catch(() => undefined);
    throw err;
  }
}
