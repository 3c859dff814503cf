/**
 * The API as a running service: ClickHouse, Kafka and the registry wired in,
 * listening on the configured host and port. The main job calls startApi()
 * beside its processors (and registers them into `metrics`); `npm run api`
 * runs it alone. Learning commands go to the coordinator's command topic of
 * the same job configuration (`<AMC_TOPIC_PREFIX>amc-learning-coordinator-commands`).
 */
import type { Kafka } from 'kafkajs';
import type { Endpoints } from '../config/endpoints.ts';
import { TOPICS } from '../schemas/topics.ts';
import { type JobConfig, learningTopicsFor } from '../streams/app/job-config.ts';
import { ensureTopics } from '../streams/app/topics.ts';
import { createCommandPublisher } from '../streams/learning/command-publisher.ts';
import { createPublisher } from '../streams/serde/publish.ts';
import type { Serde } from '../streams/serde/serde.ts';
import { kafkaAckPublisher } from './acks/ack-publisher.ts';
import { buildApp } from './app.ts';
import { createQueryRunner } from './clickhouse/query-runner.ts';
import type { ApiConfig } from './config.ts';
import { kafkaReadiness, registryReadiness } from './health/readiness.ts';
import { commandGateway, kafkaTopicReady } from './learning/command-gateway.ts';
import { kafkaConsumerLag } from './metrics/consumer-lag.ts';
import { createMetricsRegistry, type MetricsRegistry } from './metrics/registry.ts';
import { kafkaAlertFeed } from './ws/alert-feed.ts';

export interface ApiServerOptions {
  readonly config: ApiConfig;
  readonly endpoints: Endpoints;
  readonly job: JobConfig;
  readonly kafka: Kafka;
  readonly serde: Serde;
  /** The registry the processors and the sink register into; a new one when the API runs alone. */
  readonly metrics?: MetricsRegistry;
  readonly logger?: boolean;
}

export interface ApiServer {
  /** http://host:port the API listens on. */
  readonly url: string;
  readonly metrics: MetricsRegistry;
  stop(): Promise<void>;
}

export async function startApi(options: ApiServerOptions): Promise<ApiServer> {
  const { config, endpoints, job, kafka, serde } = options;
  const metrics = options.metrics ?? createMetricsRegistry();
  const queries = createQueryRunner({
    url: endpoints.clickhouseUrl,
    database: config.database,
    timeoutMs: config.queryTimeoutMs,
  });
  const admin = kafka.admin();
  await admin.connect();
  // The topics the API reads and writes may not exist yet on a fresh cluster; the job would create them the same way.
  await ensureTopics(
    admin,
    [TOPICS.alerts.name, TOPICS.alertAcks.name].map((name) => ({
      name: `${job.topicPrefix}${name}`,
      partitions: job.partitions,
    })),
  );
  metrics.registerConsumerLag(kafkaConsumerLag({ admin, groupPrefix: `${job.applicationId}-` }));
  const publisher = await createPublisher({ kafka, serde, topicPrefix: job.topicPrefix });
  // The coordinator's topic, created by the job with the coordinator (one partition, so commands keep their order).
  const commandTopic = learningTopicsFor(job).commands;
  const commandPublisher = await createCommandPublisher({ kafka, topic: commandTopic });
  const alertFeed = kafkaAlertFeed({
    kafka,
    serde,
    topic: `${job.topicPrefix}${TOPICS.alerts.name}`,
    applicationId: job.applicationId,
  });
  await alertFeed.start();
  const app = await buildApp({
    config,
    queries,
    readiness: {
      kafka: kafkaReadiness(admin),
      clickhouse: () => queries.ping(),
      registry: registryReadiness(endpoints.schemaRegistryUrl),
    },
    acks: kafkaAckPublisher(publisher),
    commands: commandGateway({ sender: commandPublisher, topicReady: kafkaTopicReady(admin, commandTopic) }),
    alertFeed,
    metrics,
    logger: options.logger ?? true,
  });
  const url = await app.listen({ host: config.host, port: config.port });
  return {
    url,
    metrics,
    async stop() {
      await app.close();
      await alertFeed.stop();
      await publisher.close();
      await commandPublisher.close();
      await admin.disconnect();
      await queries.close();
    },
  };
}
