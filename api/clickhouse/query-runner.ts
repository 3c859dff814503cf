/**
 * How the API reads ClickHouse. A statement is an `Sql` value from the sinks'
 * literal module, never a string, so a request value reaches SQL only through
 * that module's escaping. Every query runs with readonly=2 (no writes, no DDL,
 * whatever the text says), a time limit and one thread (API_QUERY_THREADS).
 */
import { ClickHouseError } from '@clickhouse/client';
import { clickhouseClient } from '../../sinks/clickhouse/client.ts';
import type { Sql } from '../../sinks/sql/literals.ts';
import { ApiError } from '../errors.ts';

export interface QueryRunner {
  /** Rows as JSON objects; 64-bit integers come back as strings, as on every ClickHouse version. */
  rows<Row>(statement: Sql): Promise<Row[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Server error codes that mean "not created yet" and "too slow" (ClickHouse's ErrorCodes).
const UNKNOWN_TABLE = '60';
const UNKNOWN_DATABASE = '81';
const TIMEOUT_EXCEEDED = '159';

/**
 * The server's error code: @clickhouse/client parses current servers' errors
 * into ClickHouseError; 18.16 words them "Code: 81, e.displayText() = ...",
 * which reach us as a plain Error.
 */
function serverErrorCode(error: unknown): string | undefined {
  if (error instanceof ClickHouseError) return error.code;
  const match = error instanceof Error ? /^Code: (\d+),/.exec(error.message) : null;
  return match?.[1];
}

/** What a failed query means for the caller: a stable API error, with whether retrying may help. */
export function queryFailure(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const code = serverErrorCode(error);
  if (code === UNKNOWN_TABLE || code === UNKNOWN_DATABASE) return new ApiError('STORE_NOT_READY');
  if (code === TIMEOUT_EXCEEDED) return new ApiError('QUERY_TIMEOUT');
  if (code !== undefined) return new ApiError('INTERNAL', `ClickHouse refused the query (code ${code})`);
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(message)) return new ApiError('QUERY_TIMEOUT');
  return new ApiError('CLICKHOUSE_UNAVAILABLE');
}

/**
 * Threads one query may use. The API sends many small queries at once; on a
 * few cores a query's extra threads only contend with the others' (measured on
 * two cores: 16-27% more of the window and score queries served per second
 * with one thread than with two, ten at a time).
 */
export const API_QUERY_THREADS = 1;

export function createQueryRunner(options: {
  readonly url: string;
  readonly database: string;
  readonly timeoutMs: number;
  /** max_threads of each query; API_QUERY_THREADS when left out. */
  readonly threads?: number;
}): QueryRunner {
  const client = clickhouseClient({
    url: options.url,
    database: options.database,
    requestTimeoutMs: options.timeoutMs + 2_000,
  });
  const settings = {
    readonly: '2',
    max_execution_time: Math.max(1, Math.ceil(options.timeoutMs / 1000)),
    output_format_json_quote_64bit_integers: 1,
    max_threads: options.threads ?? API_QUERY_THREADS,
  } as const;
  return {
    async rows<Row>(statement: Sql): Promise<Row[]> {
      try {
        const result = await client.query({
          query: statement.text,
          format: 'JSONEachRow',
          clickhouse_settings: settings,
        });
        return await result.json<Row>();
      } catch (error) {
        throw queryFailure(error);
      }
    },
    async ping() {
      const result = await client.ping();
      if (!result.success) throw result.error;
    },
    close: () => client.close(),
  };
}
