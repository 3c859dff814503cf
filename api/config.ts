/**
 * The API's settings: read once from the environment, checked loudly (the bad
 * key is named, with what is allowed), then frozen.
 */
import { ConfigError } from '../config/endpoints.ts';
import { loadSinkConfig } from '../sinks/config.ts';
import { deepFreeze } from '../streams/shared/deep-freeze.ts';

export interface ApiConfig {
  readonly host: string;
  readonly port: number;
  /** Bearer token for POST routes and the alert WebSocket; undefined disables them (403), never opens them. */
  readonly token: string | undefined;
  /** Origins allowed to call the API from a browser; empty means CORS is off (no CORS headers at all). */
  readonly corsOrigins: readonly string[];
  /** Requests per minute per client on the expensive queries. */
  readonly rateLimitPerMinute: number;
  /** ClickHouse database of the sinks' tables. */
  readonly database: string;
  /** Longest a ClickHouse query may run before the API answers 503. */
  readonly queryTimeoutMs: number;
  /** How long an answer of an expensive query is reused for identical requests; 0 turns that off. */
  readonly answerCacheMs: number;
  /** A WebSocket client with more than this many bytes unsent is dropped rather than waited for. */
  readonly wsMaxBufferedBytes: number;
}

export const DEFAULT_API_CONFIG: ApiConfig = deepFreeze({
  host: '127.0.0.1',
  port: 3000,
  token: undefined,
  corsOrigins: [],
  rateLimitPerMinute: 120,
  database: 'amc_learning',
  queryTimeoutMs: 10_000,
  answerCacheMs: 5_000,
  wsMaxBufferedBytes: 1024 * 1024,
});

/** Shorter tokens are refused: a guessable token is worse than none, which at least fails closed. */
export const MIN_TOKEN_LENGTH = 16;

type Env = Readonly<Record<string, string | undefined>>;

function present(env: Env, key: string): string | undefined {
  const value = env[key]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integerIn(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = present(env, key);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(key, `"${raw}" is not an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

function parseToken(env: Env): string | undefined {
  const raw = env.AMC_API_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError(
      'AMC_API_TOKEN',
      `must be at least ${MIN_TOKEN_LENGTH} printable ASCII characters without spaces (leave it unset to disable mutations)`,
    );
  }
  return raw;
}

function parseOrigins(env: Env): string[] {
  const raw = present(env, 'AMC_API_CORS_ORIGINS');
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
      throw new ConfigError(
        'AMC_API_CORS_ORIGINS',
        `"${origin}" is not an origin; expected a comma-separated list such as https://ops.example.com`,
      );
    }
    return origin;
  });
}

function parseHost(env: Env): string {
  const host = present(env, 'AMC_API_HOST') ?? DEFAULT_API_CONFIG.host;
  if (!/^([A-Za-z0-9.-]+|\[?[0-9a-fA-F:]+\]?)$/.test(host)) {
    throw new ConfigError('AMC_API_HOST', `"${host}" is not a host name or address`);
  }
  return host;
}

/** Checks and freezes a complete configuration (tests and the benchmark build theirs from the defaults). */
export function apiConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return deepFreeze({ ...DEFAULT_API_CONFIG, ...overrides, corsOrigins: [...(overrides.corsOrigins ?? [])] });
}

export function loadApiConfig(env: Env = process.env): ApiConfig {
  return apiConfig({
    host: parseHost(env),
    port: integerIn(env, 'AMC_API_PORT', DEFAULT_API_CONFIG.port, 0, 65_535),
    token: parseToken(env),
    corsOrigins: parseOrigins(env),
    rateLimitPerMinute: integerIn(
      env,
      'AMC_API_RATE_LIMIT',
      DEFAULT_API_CONFIG.rateLimitPerMinute,
      1,
      1_000_000,
    ),
    database: loadSinkConfig(env).database,
    queryTimeoutMs: integerIn(
      env,
      'AMC_API_QUERY_TIMEOUT_MS',
      DEFAULT_API_CONFIG.queryTimeoutMs,
      100,
      300_000,
    ),
    answerCacheMs: integerIn(env, 'AMC_API_ANSWER_CACHE_MS', DEFAULT_API_CONFIG.answerCacheMs, 0, 600_000),
    wsMaxBufferedBytes: integerIn(
      env,
      'AMC_API_WS_MAX_BUFFERED_BYTES',
      DEFAULT_API_CONFIG.wsMaxBufferedBytes,
      1024,
      1024 * 1024 * 1024,
    ),
  });
}
