/**
 * The sink's settings: the `sink` section of the configuration, which the
 * environment overrides (CLICKHOUSE_DATABASE, AMC_SINK_*); checked loudly
 * (the bad variable or path is named, with what is allowed), then frozen.
 */
import { readConfigFile } from '../config/config-file.ts';
import { ConfigError } from '../config/endpoints.ts';
import { boundEnvironment, fromBoundEnvironment } from '../config/env-bindings.ts';
import { deepFreeze } from '../streams/shared/deep-freeze.ts';
import { isIdentifier } from './sql/literals.ts';

export interface SinkConfig {
  /** ClickHouse database of the tables (created by the migrations when missing). */
  readonly database: string;
  /** A batch is inserted once it holds this many rows... */
  readonly batchRows: number;
  /** ...or once its oldest record has waited this long. */
  readonly batchAgeMs: number;
  /** Records held at most (being inserted plus waiting); consumption pauses at this bound. */
  readonly maxBufferedRecords: number;
  /** First and largest wait between retries while ClickHouse is unavailable. */
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  /** How long one ClickHouse request may take before it counts as failed. */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_SINK_CONFIG: SinkConfig = deepFreeze({
  database: 'amc_learning',
  batchRows: 20_000,
  batchAgeMs: 1_000,
  maxBufferedRecords: 60_000,
  retryInitialMs: 200,
  retryMaxMs: 10_000,
  requestTimeoutMs: 30_000,
});

type Env = Readonly<Record<string, string | undefined>>;

const INTEGER_SETTINGS = {
  batchRows: 'AMC_SINK_BATCH_ROWS',
  batchAgeMs: 'AMC_SINK_BATCH_AGE_MS',
  maxBufferedRecords: 'AMC_SINK_BUFFER_RECORDS',
  retryInitialMs: 'AMC_SINK_RETRY_INITIAL_MS',
  retryMaxMs: 'AMC_SINK_RETRY_MAX_MS',
  requestTimeoutMs: 'AMC_SINK_REQUEST_TIMEOUT_MS',
} as const satisfies Partial<Record<keyof SinkConfig, string>>;

/** Checks a complete configuration; throws ConfigError naming the first bad key. */
export function validateSinkConfig(
  config: SinkConfig,
  keyOf: (field: keyof SinkConfig) => string,
): SinkConfig {
  if (!isIdentifier(config.database)) {
    throw new ConfigError(keyOf('database'), `"${config.database}" may use only letters, digits and '_'`);
  }
  for (const field of Object.keys(INTEGER_SETTINGS) as (keyof typeof INTEGER_SETTINGS)[]) {
    const value = config[field];
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigError(keyOf(field), `${value} is not a positive integer`);
    }
  }
  if (config.maxBufferedRecords < config.batchRows) {
    throw new ConfigError(
      keyOf('maxBufferedRecords'),
      `${config.maxBufferedRecords} is below the batch size ${config.batchRows}; a batch could never fill`,
    );
  }
  if (config.retryMaxMs < config.retryInitialMs) {
    throw new ConfigError(keyOf('retryMaxMs'), `${config.retryMaxMs} is below ${config.retryInitialMs}`);
  }
  return deepFreeze({ ...config });
}

/** Overrides of the defaults for code that builds a sink itself (tests, the benchmark). */
export function sinkConfig(overrides: Partial<SinkConfig> = {}): SinkConfig {
  return validateSinkConfig({ ...DEFAULT_SINK_CONFIG, ...overrides }, (field) => `sink config ${field}`);
}

/** The sink's settings from variables (CLICKHOUSE_DATABASE, AMC_SINK_*); throws ConfigError naming the first bad one. */
export function sinkConfigFromEnv(env: Env): SinkConfig {
  const config: Record<string, unknown> = { ...DEFAULT_SINK_CONFIG };
  const database = env.CLICKHOUSE_DATABASE?.trim();
  if (database) config.database = database;
  for (const [field, key] of Object.entries(INTEGER_SETTINGS)) {
    const raw = env[key]?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw)) throw new ConfigError(key, `"${raw}" is not a positive integer`);
    config[field] = Number(raw);
  }
  const keys: Record<string, string> = { ...INTEGER_SETTINGS, database: 'CLICKHOUSE_DATABASE' };
  return validateSinkConfig(config as unknown as SinkConfig, (field) => keys[field]!);
}

/**
 * The sink's settings in force, for code that does not hold the Settings:
 * the `sink` section of the AMC_CONFIG file, overridden by the environment,
 * exactly as `loadSettings().sink`.
 */
export function loadSinkConfig(env: Env = process.env): SinkConfig {
  const file = env.AMC_CONFIG?.trim();
  const document = file ? readConfigFile(file) : {};
  return fromBoundEnvironment(env, () => sinkConfigFromEnv(boundEnvironment(document, env)));
}
