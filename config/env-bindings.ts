/**
 * Settings the environment may set, each bound to one path of the
 * configuration file. A value in the file becomes the variable's value unless
 * the environment sets the variable itself: the environment always wins.
 */
import { type ConfigDocument, valueAt } from './config-file.ts';
import { ConfigError } from './endpoints.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface EnvBinding {
  readonly path: string;
  readonly variable: string;
}

export const ENV_BINDINGS: readonly EnvBinding[] = [
  { path: 'endpoints.kafkaBrokers', variable: 'KAFKA_BROKERS' },
  { path: 'endpoints.schemaRegistryUrl', variable: 'SCHEMA_REGISTRY_URL' },
  { path: 'endpoints.clickhouseUrl', variable: 'CLICKHOUSE_URL' },
  { path: 'switches.learning', variable: 'AMC_LEARNING_ENABLED' },
  { path: 'switches.tracker', variable: 'AMC_LEARNING_TRACKER_ENABLED' },
  { path: 'switches.alerts', variable: 'AMC_LEARNING_ALERTS_ENABLED' },
  { path: 'switches.monitor', variable: 'AMC_LEARNING_MONITOR_ENABLED' },
  { path: 'switches.dips', variable: 'AMC_LEARNING_DIPS_ENABLED' },
  { path: 'switches.coordinator', variable: 'AMC_LEARNING_COORDINATOR_ENABLED' },
  { path: 'switches.autoApply', variable: 'AMC_LEARNING_AUTO_APPLY' },
  { path: 'switches.sinks', variable: 'AMC_LEARNING_SINKS_ENABLED' },
  { path: 'switches.api', variable: 'AMC_LEARNING_API_ENABLED' },
  { path: 'job.applicationId', variable: 'AMC_APPLICATION_ID' },
  { path: 'job.topicPrefix', variable: 'AMC_TOPIC_PREFIX' },
  { path: 'job.partitions', variable: 'AMC_PARTITIONS' },
  { path: 'job.sessionTimeoutMs', variable: 'AMC_SESSION_TIMEOUT_MS' },
  { path: 'job.maxRecordsPerTransaction', variable: 'AMC_TRANSACTION_RECORDS' },
  // One database for the sink's tables and the API's reads of them.
  { path: 'sink.database', variable: 'CLICKHOUSE_DATABASE' },
  { path: 'sink.batchRows', variable: 'AMC_SINK_BATCH_ROWS' },
  { path: 'sink.batchAgeMs', variable: 'AMC_SINK_BATCH_AGE_MS' },
  { path: 'sink.maxBufferedRecords', variable: 'AMC_SINK_BUFFER_RECORDS' },
  { path: 'sink.retryInitialMs', variable: 'AMC_SINK_RETRY_INITIAL_MS' },
  { path: 'sink.retryMaxMs', variable: 'AMC_SINK_RETRY_MAX_MS' },
  { path: 'sink.requestTimeoutMs', variable: 'AMC_SINK_REQUEST_TIMEOUT_MS' },
  { path: 'api.host', variable: 'AMC_API_HOST' },
  { path: 'api.port', variable: 'AMC_API_PORT' },
  { path: 'api.token', variable: 'AMC_API_TOKEN' },
  { path: 'api.corsOrigins', variable: 'AMC_API_CORS_ORIGINS' },
  { path: 'api.rateLimitPerMinute', variable: 'AMC_API_RATE_LIMIT' },
  { path: 'api.queryTimeoutMs', variable: 'AMC_API_QUERY_TIMEOUT_MS' },
  { path: 'api.answerCacheMs', variable: 'AMC_API_ANSWER_CACHE_MS' },
  { path: 'api.wsMaxBufferedBytes', variable: 'AMC_API_WS_MAX_BUFFERED_BYTES' },
];

/** The variables the environment sets, without the empty ones (an empty variable counts as unset). */
export function nonEmpty(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => (entry[1]?.trim() ?? '') !== ''),
  );
}

/** The file's values of bound settings, written as their variables would be. */
export function envFromDocument(document: ConfigDocument): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { path, variable } of ENV_BINDINGS) {
    const value = valueAt(document, path);
    if (value === undefined) continue;
    env[variable] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return env;
}

/** The variables in force: the file's bound values, overridden by the environment's. */
export function boundEnvironment(document: ConfigDocument, env: Env): Record<string, string> {
  return { ...envFromDocument(document), ...nonEmpty(env) };
}

/**
 * Runs a reader of variables over the variables in force. When it refuses a
 * value the file gave (the environment did not set that variable), the error
 * names the file's path instead, so the operator is sent to the right place.
 */
export function fromBoundEnvironment<T>(env: Env, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const binding = ENV_BINDINGS.find((b) => b.variable === error.key);
    if (binding === undefined || nonEmpty(env)[binding.variable] !== undefined) throw error;
    throw new ConfigError(binding.path, error.detail);
  }
}
