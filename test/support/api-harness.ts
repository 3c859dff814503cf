/**
 * The API built as the tests use it: real ClickHouse (a database of its own,
 * migrated), with every SQL statement sent recorded, acknowledgements and
 * learning commands kept in memory unless a publisher is given (commands
 * checked by the coordinator's own rules, as the real publisher checks them),
 * and alerts fed by hand unless a feed is.
 */
import type { FastifyInstance } from 'fastify';
import type { AckPublisher } from '../../api/acks/ack-publisher.ts';
import { type ApiDeps, buildApp } from '../../api/app.ts';
import { createQueryRunner, type QueryRunner } from '../../api/clickhouse/query-runner.ts';
import { type ApiConfig, apiConfig } from '../../api/config.ts';
import { kafkaReadiness, type ReadinessChecks, registryReadiness } from '../../api/health/readiness.ts';
import { commandGateway, type LearningCommands } from '../../api/learning/command-gateway.ts';
import { createMetricsRegistry } from '../../api/metrics/registry.ts';
import type { AlertView } from '../../api/views/alert-view.ts';
import type { AlertFeed } from '../../api/ws/alert-feed.ts';
import { loadEndpoints } from '../../config/endpoints.ts';
import type { AlertAck } from '../../schemas/types.generated.ts';
import { commandSenders } from '../../streams/learning/command-publisher.ts';
import type { CoordinatorCommand } from '../../streams/learning/domain/index.ts';
import { createTestDatabase, type TestDatabase } from './clickhouse.ts';
import { testKafka } from './kafka.ts';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

/** A feed the test pushes alerts into. */
export function manualFeed(): AlertFeed & { push(alert: AlertView): void } {
  const listeners = new Set<(alert: AlertView) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: async () => undefined,
    stop: async () => undefined,
    push(alert) {
      for (const listener of listeners) listener(alert);
    },
  };
}

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly db: TestDatabase;
  /** Every statement sent to ClickHouse, in order. */
  readonly statements: string[];
  readonly acks: AlertAck[];
  /** Learning commands sent through the in-memory sender, in order. */
  readonly commands: CoordinatorCommand[];
  readonly deps: ApiDeps;
  close(): Promise<void>;
}

function recording(runner: QueryRunner, statements: string[]): QueryRunner {
  return {
    rows(statement) {
      statements.push(statement.text);
      return runner.rows(statement);
    },
    ping: () => runner.ping(),
    close: () => runner.close(),
  };
}

export async function startApiHarness(
  options: {
    readonly label?: string;
    readonly config?: Partial<ApiConfig>;
    readonly acks?: AckPublisher;
    readonly commands?: LearningCommands;
    readonly feed?: AlertFeed;
    readonly clock?: () => number;
    readonly db?: TestDatabase;
    /** Checks that replace the real ones, e.g. a dependency that is down. */
    readonly readiness?: Partial<ReadinessChecks>;
  } = {},
): Promise<ApiHarness> {
  const db = options.db ?? (await createTestDatabase(options.label ?? 'api'));
  const endpoints = loadEndpoints();
  const statements: string[] = [];
  const acks: AlertAck[] = [];
  const commands: CoordinatorCommand[] = [];
  const runner = createQueryRunner({
    url: endpoints.clickhouseUrl,
    database: db.target.database,
    timeoutMs: 10_000,
  });
  const admin = testKafka().admin();
  await admin.connect();
  const config = apiConfig({ token: TEST_TOKEN, database: db.target.database, ...options.config });
  const deps: ApiDeps = {
    config,
    queries: recording(runner, statements),
    readiness: {
      kafka: kafkaReadiness(admin),
      clickhouse: () => runner.ping(),
      registry: registryReadiness(endpoints.schemaRegistryUrl),
      ...options.readiness,
    },
    acks: options.acks ?? { publish: async (ack) => void acks.push(ack) },
    commands:
      options.commands ??
      commandGateway({
        sender: commandSenders(async (command) => void commands.push(command)),
        topicReady: async () => true,
      }),
    alertFeed: options.feed ?? manualFeed(),
    metrics: createMetricsRegistry({ defaultMetrics: false }),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const app = await buildApp(deps);
  return {
    app,
    db,
    statements,
    acks,
    commands,
    deps,
    async close() {
      await app.close();
      await runner.close();
      await admin.disconnect();
      if (!options.db) await db.drop();
    },
  };
}
