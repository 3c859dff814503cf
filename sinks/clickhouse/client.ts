/**
 * The one place a @clickhouse/client is configured: the sink's writer and the
 * SQL session (migrations, queries) both connect through here.
 */
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { identifier, sql } from '../sql/literals.ts';

export interface ClickhouseTarget {
  /** Base URL of the HTTP interface; credentials may be given in it. */
  readonly url: string;
  readonly database: string;
  /** How long one request may take before it counts as failed (ClickHouse unreachable). */
  readonly requestTimeoutMs?: number;
}

export function clickhouseClient(target: ClickhouseTarget, withDatabase = true): ClickHouseClient {
  return createClient({
    url: target.url,
    ...(withDatabase ? { database: target.database } : {}),
    request_timeout: target.requestTimeoutMs ?? 30_000,
    // Failures reach the caller as errors and the sink reports them as named events; no second log.
    log: { level: ClickHouseLogLevel.OFF },
  });
}

/** Creates the target database when it is missing. */
export async function ensureDatabase(target: ClickhouseTarget): Promise<void> {
  const client = clickhouseClient(target, false);
  try {
    await client.command({ query: sql`CREATE DATABASE IF NOT EXISTS ${identifier(target.database)}`.text });
  } finally {
    await client.close();
  }
}
