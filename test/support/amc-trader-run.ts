import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Kafka } from 'kafkajs';
import { loadEndpoints } from '../../config/endpoints.ts';
import type { DiscoveryRun } from '../../schemas/types.generated.ts';
import { REPO_ROOT, tsxLoaderUrl } from '../../stack/paths.ts';
import { waitUntilCaughtUp } from '../../streams/app/quiescence.ts';
import { weekdaysFrom } from './market.ts';

export interface ImporterResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run import:amc-trader -- ...args` as a user runs it, publishing under a test topic prefix. */
export async function runImporter(args: readonly string[], topicPrefix: string): Promise<ImporterResult> {
  const endpoints = loadEndpoints();
  const { INIT_CWD: _ignored, ...env } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', tsxLoaderUrl(), path.join(REPO_ROOT, 'bin/import-amc-trader.ts'), ...args],
      {
        cwd: REPO_ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...env,
          KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
          SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
          AMC_TOPIC_PREFIX: topicPrefix,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** NYSE sessions of February and March 2026: weekdays less Presidents' Day (written out, not computed by the code under test). */
export const SESSIONS_2026 = weekdaysFrom('2026-02-02', 35, ['2026-02-16']);

/** Midnight in New York, where Polygon starts a daily bar: UTC-05:00 in winter, UTC-04:00 from 2026-03-08. */
const newYorkMidnight = (session: string) =>
  Date.parse(`${session}T0${session >= '2026-03-08' ? 4 : 5}:00:00Z`);

/** The New York date of an instant (winter and spring 2026 offsets, as above). */
const newYorkDate = (instant: number) => {
  const offsetHours = instant >= Date.parse('2026-03-08T07:00:00Z') ? 4 : 5;
  return new Date(instant - offsetHours * 3_600_000).toISOString().slice(0, 10);
};

/**
 * Grouped-daily Polygon answers, one per session, with a seeded random walk
 * for every candidate's symbol over the sessions from its first discovery
 * to the first session after its last: every candidate's day-1 checkpoint
 * has a bar.
 */
export function polygonDays(runs: readonly DiscoveryRun[]): { session: string; json: string }[] {
  const span = new Map<string, { from: string; to: string; price: number }>();
  for (const run of runs) {
    const discovery = newYorkDate(run.finished_at);
    const dayOne = SESSIONS_2026.find((s) => s > discovery)!;
    for (const c of run.candidates) {
      const known = span.get(c.symbol);
      span.set(c.symbol, {
        from: known && known.from < discovery ? known.from : discovery,
        to: known && known.to > dayOne ? known.to : dayOne,
        price: known?.price ?? c.price,
      });
    }
  }
  let seed = 11;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const close = new Map<string, number>();
  return SESSIONS_2026.map((session) => {
    const results = [];
    for (const [symbol, { from, to, price }] of [...span].sort()) {
      if (session < from || session > to) continue;
      const c = Math.max(0.05, (close.get(symbol) ?? price) * (1 + (random() - 0.5) * 0.1));
      close.set(symbol, c);
      results.push({
        T: symbol,
        o: c,
        h: c * 1.02,
        l: c * 0.98,
        c,
        v: 100_000 + Math.round(random() * 1e6),
        t: newYorkMidnight(session),
      });
    }
    return {
      session,
      json: JSON.stringify({
        adjusted: true,
        queryCount: results.length,
        resultsCount: results.length,
        results,
      }),
    };
  }).filter((day) => JSON.parse(day.json).resultsCount > 0);
}

/** Waits until a group has processed every committed record of a topic written by transactions. */
export function waitForTransactionalCommitted(
  kafka: Kafka,
  groupId: string,
  topic: string,
  timeoutMs = 120_000,
) {
  return waitUntilCaughtUp(kafka, [{ groupId, topics: [topic] }], { timeoutMs });
}
