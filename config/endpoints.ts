/**
 * Where the project's services live. Read once from the environment, checked
 * loudly (the bad key is named, with what is allowed), then frozen. When a
 * variable is unset the local stack's address on 127.0.0.1 is used.
 */

export interface Endpoints {
  /** Kafka bootstrap brokers, host:port each. */
  readonly kafkaBrokers: readonly string[];
  /** Base URL of a Confluent-API schema registry. */
  readonly schemaRegistryUrl: string;
  /** Base URL of ClickHouse's HTTP interface. */
  readonly clickhouseUrl: string;
}

export const LOCAL_STACK_ENDPOINTS: Endpoints = Object.freeze({
  kafkaBrokers: Object.freeze(['127.0.0.1:9092']),
  schemaRegistryUrl: 'http://127.0.0.1:8081',
  clickhouseUrl: 'http://127.0.0.1:8123',
});

export class ConfigError extends Error {
  readonly retriable = false;
  constructor(
    /** The variable or configuration path at fault. */
    readonly key: string,
    /** What is wrong with it and what is allowed. */
    readonly detail: string,
  ) {
    super(`invalid configuration ${key}: ${detail}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function present(env: Env, key: string): string | undefined {
  const value = env[key];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseBrokers(raw: string): string[] {
  const brokers = raw.split(',').map((b) => b.trim());
  for (const broker of brokers) {
    const match = /^([A-Za-z0-9.\-_]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(broker);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      throw new ConfigError(
        'KAFKA_BROKERS',
        `"${broker}" is not host:port; expected a comma-separated list such as 127.0.0.1:9092`,
      );
    }
  }
  return brokers;
}

function parseHttpUrl(key: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(key, `"${raw}" is not a URL; expected http(s)://host:port`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(key, `"${raw}" uses ${url.protocol}; allowed: http:, https:`);
  }
  return raw.replace(/\/+$/, '');
}

/** Reads the endpoints from `env`; throws ConfigError naming the first bad key. */
export function loadEndpoints(env: Env = process.env): Endpoints {
  const brokers = present(env, 'KAFKA_BROKERS');
  const registry = present(env, 'SCHEMA_REGISTRY_URL');
  const clickhouse = present(env, 'CLICKHOUSE_URL');
  return Object.freeze({
    kafkaBrokers: Object.freeze(brokers ? parseBrokers(brokers) : [...LOCAL_STACK_ENDPOINTS.kafkaBrokers]),
    schemaRegistryUrl: registry
      ? parseHttpUrl('SCHEMA_REGISTRY_URL', registry)
      : LOCAL_STACK_ENDPOINTS.schemaRegistryUrl,
    clickhouseUrl: clickhouse
      ? parseHttpUrl('CLICKHOUSE_URL', clickhouse)
      : LOCAL_STACK_ENDPOINTS.clickhouseUrl,
  });
}

/** True when none of the endpoint variables is set, i.e. the local stack is meant. */
export function usesLocalStack(env: Env = process.env): boolean {
  return ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'CLICKHOUSE_URL'].every(
    (k) => present(env, k) === undefined,
  );
}
