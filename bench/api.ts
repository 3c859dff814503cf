/**
 * Latency and throughput of the expensive API queries under concurrent load,
 * over a ClickHouse history of at least a million tracked recommendations.
 *
 *   npm run bench:api [-- --picks 1000000 --days 730 --connections 10 --seconds 15 --private-clickhouse]
 *
 * Loads the data into a database of its own (dropped afterwards), serves the
 * API on 127.0.0.1 with the rate limit lifted (one client sends everything),
 * drives each route with autocannon and writes bench/results/api.txt (or
 * api-private.txt; -<n>-connections added for other than 10 connections). Needs ClickHouse (the local stack, or CLICKHOUSE_URL);
 * with --private-clickhouse it starts a server of its own on free ports
 * instead, which no one else's queries share, and reports the CPU that server
 * spent per request, a measure the load of a shared machine moves far less
 * than latency.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../api/app.ts';
import { createQueryRunner } from '../api/clickhouse/query-runner.ts';
import { apiConfig } from '../api/config.ts';
import { NO_LEARNING_COMMANDS } from '../api/learning/command-gateway.ts';
import { createMetricsRegistry } from '../api/metrics/registry.ts';
import { loadEndpoints } from '../config/endpoints.ts';
import { ensureDatabase } from '../sinks/clickhouse/client.ts';
import { createHttpSession } from '../sinks/clickhouse/http-session.ts';
import { migrate } from '../sinks/schema/migrate.ts';
import { TABLES } from '../sinks/schema/names.ts';
import { identifier, sql } from '../sinks/sql/literals.ts';
import { uniqueTableName } from '../test/support/names.ts';
import { type PrivateClickhouse, startPrivateClickhouse } from '../test/support/private-clickhouse.ts';
import { loadBenchData } from './api-data.ts';
import { processCpuSeconds } from './runtime/cpu.ts';

const { values } = parseArgs({
  options: {
    picks: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '730' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '15' },
    'private-clickhouse': { type: 'boolean', default: false },
  },
});
const picks = Number(values.picks);
const days = Number(values.days);
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const END = Date.UTC(2026, 3, 30, 21, 0, 0);

const ROUTES = [
  '/learning/missed-opportunities?days_back=7',
  '/learning/missed-opportunities?days_back=30',
  '/learning/performance?group=week',
];
/** As served (identical requests share an answer for 5 s), and with every request sent to ClickHouse. */
const MODES = [
  { name: 'answer cache 5 s', answerCacheMs: 5_000 },
  { name: 'no answer cache', answerCacheMs: 0 },
];

const log = (line: string) => console.log(`[bench:api] ${line}`);

/** CPU seconds the private server has spent so far; undefined on a shared one. */
function serverCpu(server: PrivateClickhouse | undefined): number | undefined {
  const pid = server?.pid();
  return pid === undefined ? undefined : processCpuSeconds(pid);
}

async function main(): Promise<void> {
  const server = values['private-clickhouse'] ? await startPrivateClickhouse() : undefined;
  const clickhouseUrl = server?.url ?? loadEndpoints().clickhouseUrl;
  const target = { url: clickhouseUrl, database: uniqueTableName('amc_bench_api') };
  await ensureDatabase(target);
  const session = createHttpSession(target);
  const queries = createQueryRunner({
    url: clickhouseUrl,
    database: target.database,
    timeoutMs: 30_000,
  });
  try {
    await migrate(session);
    const loadStart = performance.now();
    await loadBenchData(session, { picks, days, endMs: END });
    const [count] = await session.query<{ ids: string; rows: string }>(
      sql`SELECT uniqExact(tracking_id) AS ids, count() AS rows FROM ${identifier(TABLES.recommendationTracking)}`
        .text,
    );
    log(
      `loaded ${count?.ids} tracked recommendations (${count?.rows} versions) over ${days} days in ` +
        `${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
    );
    const rows: string[] = [];
    for (const mode of MODES) {
      const app = await buildApp({
        config: apiConfig({
          database: target.database,
          rateLimitPerMinute: 1_000_000_000,
          answerCacheMs: mode.answerCacheMs,
        }),
        queries,
        readiness: {
          kafka: async () => undefined,
          clickhouse: () => queries.ping(),
          registry: async () => undefined,
        },
        acks: { publish: async () => undefined },
        commands: NO_LEARNING_COMMANDS,
        alertFeed: {
          subscribe: () => () => undefined,
          start: async () => undefined,
          stop: async () => undefined,
        },
        metrics: createMetricsRegistry({ defaultMetrics: false }),
        clock: () => END + 3_600_000,
      });
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      for (const route of ROUTES) {
        const warm = await app.inject({ method: 'GET', url: route });
        if (warm.statusCode !== 200) throw new Error(`${route} answered ${warm.statusCode}: ${warm.body}`);
        const cpuBefore = serverCpu(server);
        const result = await autocannon({
          url: `${base}${route}`,
          connections,
          duration: seconds,
          timeout: 30,
        });
        const cpuAfter = serverCpu(server);
        const cpuPerRequest =
          cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
            ? '—'
            : (((cpuAfter - cpuBefore) * 1000) / result.requests.total).toFixed(2);
        const failed = result.non2xx + result.errors + result.timeouts;
        rows.push(
          `| ${route} | ${mode.name} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ` +
            `${result.requests.average.toFixed(1)} | ${result.requests.total} | ${failed} | ${cpuPerRequest} |`,
        );
        log(
          `${mode.name} ${route}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.average} req/s`,
        );
      }
      await app.close();
    }
    const flags = `--picks ${picks} --days ${days} --connections ${connections} --seconds ${seconds}`;
    const report = [
      `# npm run bench:api -- ${flags}${server ? ' --private-clickhouse' : ''}`,
      `# ${count?.ids} tracked recommendations, ${count?.rows} stored versions; ClickHouse ${clickhouseUrl}` +
        `${server ? ' (a private server)' : ''}; load average at the end ${loadavg()[0]!.toFixed(1)};`,
      `# ${connections} concurrent connections for ${seconds} s per route, after one warm-up request.`,
      '# server CPU: what the ClickHouse server spent per request (a private server only).',
      '',
      '| route | mode | p50 ms | p99 ms | max ms | req/s | requests | failed | server CPU ms/req |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    const name = `api${server ? '-private' : ''}${connections === 10 ? '' : `-${connections}-connections`}`;
    writeFileSync(new URL(`./results/${name}.txt`, import.meta.url), report);
    console.log(`\n${report}`);
  } finally {
    await session.command(sql`DROP DATABASE IF EXISTS ${identifier(target.database)}`.text);
    await session.close();
    await queries.close();
    await server?.destroy();
  }
}

main().then(
  // autocannon's agents can keep the loop alive after the report.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
