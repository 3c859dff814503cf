/**
 * Readiness of what the API stands on: Kafka (acknowledgements, live alerts),
 * ClickHouse (every query) and the schema registry (encoding and decoding).
 * Each check is timed and bounded, so /health answers even when one hangs.
 */
import type { Admin } from 'kafkajs';

export const DEPENDENCIES = ['kafka', 'clickhouse', 'registry'] as const;
export type Dependency = (typeof DEPENDENCIES)[number];

/** Resolves when the dependency answers; rejects with why it does not. */
export type ReadinessChecks = Readonly<Record<Dependency, () => Promise<void>>>;

export interface DependencyStatus {
  readonly ready: boolean;
  readonly latency_ms: number;
  readonly error?: string;
}

export const CHECK_TIMEOUT_MS = 2_000;

async function timed(check: () => Promise<void>, timeoutMs: number): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ready: true, latency_ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return {
      ready: false,
      latency_ms: Math.round((performance.now() - started) * 10) / 10,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(
  checks: ReadinessChecks,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<Record<Dependency, DependencyStatus>> {
  const results = await Promise.all(DEPENDENCIES.map((name) => timed(checks[name], timeoutMs)));
  return Object.fromEntries(DEPENDENCIES.map((name, i) => [name, results[i]!])) as Record<
    Dependency,
    DependencyStatus
  >;
}

/** Kafka answers when its cluster metadata can be read. */
export function kafkaReadiness(admin: Admin): () => Promise<void> {
  return async () => {
    await admin.describeCluster();
  };
}

/** A Confluent-API registry answers GET /subjects. */
export function registryReadiness(url: string): () => Promise<void> {
  return async () => {
    const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`registry answered HTTP ${response.status}`);
    await response.arrayBuffer();
  };
}
