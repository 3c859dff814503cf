import type { QueryRunner } from '../clickhouse/query-runner.ts';
import type { AnswerCache } from '../http/answer-cache.ts';

/** What the query routes need: ClickHouse, the clock "now" is read from, and the expensive-query limit. */
export interface QueryRouteDeps {
  readonly queries: QueryRunner;
  readonly clock: () => number;
  /** Route config for @fastify/rate-limit on the expensive queries. */
  readonly expensive: { readonly rateLimit: { readonly max: number; readonly timeWindow: number } };
  /** Recent answers of the expensive queries, by request. */
  readonly answers: AnswerCache;
}
