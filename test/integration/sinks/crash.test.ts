import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../../schemas/topics.ts';
import { LATEST_VIEWS, TABLES } from '../../../sinks/schema/names.ts';
import { createTestDatabase } from '../../support/clickhouse.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { generateOutcomes } from '../../support/outcome-records.ts';
import { killHard } from '../../support/reference-run.ts';
import {
  newSinkRun,
  produceRecords,
  startSinkProcess,
  waitForSinkCommitted,
} from '../../support/sink-run.ts';
import { testSerde } from '../../support/tracker-run.ts';

const kafka = testKafka();
const children: ChildProcess[] = [];
const SINK_ENV = {
  AMC_SINK_BATCH_ROWS: '2000',
  AMC_SINK_BATCH_AGE_MS: '200',
  AMC_SINK_BUFFER_RECORDS: '6000',
};

/** Rows a sink process reported stored (inserted and committed), as its log says so. */
function storedRows(child: ChildProcess): { flushes: number; rows: number } {
  const seen = { flushes: 0, rows: 0 };
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    for (const match of text.matchAll(/\[sink\] stored \d+ records \(recommendation_tracking (\d+)\)/g)) {
      seen.flushes++;
      seen.rows += Number(match[1]);
    }
  });
  return seen;
}

async function until(condition: () => boolean | Promise<boolean>, child: ChildProcess): Promise<void> {
  while (!(await condition())) {
    if (child.exitCode !== null) throw new Error(`sink exited early (${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const randomInt = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

describe('the sink killed with -9 while ingesting', () => {
  afterAll(async () => {
    for (const child of children) await killHard(child);
  });

  it('five times at random points over 100,000 outcomes: each id once at its latest version, each (id, version) once', async () => {
    const started = Date.now();
    const run = newSinkRun('sink-crash');
    const db = await createTestDatabase('sink_crash');
    const outcomes = run.topics[TOPICS.recommendationOutcomes.name];
    await createTopics(kafka, [outcomes], { partitions: 3 });
    // Copies stay apart for the whole test: FINAL, not a background merge, must make the answers right.
    await db.session.command(`SYSTEM STOP MERGES ${TABLES.recommendationTracking}`);
    const generated = generateOutcomes(100_000);
    await produceRecords(kafka, testSerde(), outcomes, TOPICS.recommendationOutcomes.name, generated.records);

    const physicalRows = async () =>
      Number(
        (
          await db.session.query<{ n: string }>(`SELECT count() AS n FROM ${TABLES.recommendationTracking}`)
        )[0]!.n,
      );
    const kills: string[] = [];
    for (let life = 0; life < 5; life++) {
      const child = startSinkProcess(run, db.target.database, SINK_ENV);
      children.push(child);
      const stored = storedRows(child);
      const flushes = randomInt(1, 4);
      await until(() => stored.flushes >= flushes, child);
      if (life % 2 === 1) {
        // The narrow window: an insert ClickHouse has acknowledged whose offsets are not committed yet.
        const before = (await physicalRows()) - stored.rows;
        await until(async () => (await physicalRows()) - before > stored.rows, child);
        await killHard(child);
        kills.push(`${flushes} flushes, then as an insert landed uncommitted`);
      } else {
        const delay = randomInt(0, 1000);
        await new Promise((r) => setTimeout(r, delay));
        await killHard(child);
        kills.push(`${flushes} flushes + ${delay} ms`);
      }
    }
    const survivor = startSinkProcess(run, db.target.database, SINK_ENV);
    children.push(survivor);
    await waitForSinkCommitted(kafka, run, 240_000);
    survivor.kill('SIGTERM');

    const [counts] = await db.session.query<{ final: string; stored: string; latest: string; ids: string }>(
      `SELECT
         (SELECT count() FROM ${TABLES.recommendationTracking} FINAL) AS final,
         (SELECT count() FROM ${TABLES.recommendationTracking}) AS stored,
         (SELECT count() FROM ${LATEST_VIEWS.recommendationTracking}) AS latest,
         (SELECT uniqExact(tracking_id) FROM ${LATEST_VIEWS.recommendationTracking}) AS ids`,
    );
    expect(Number(counts!.stored)).toBeGreaterThanOrEqual(generated.pairs);
    expect(Number(counts!.final)).toBe(generated.pairs);
    expect(Number(counts!.latest)).toBe(generated.latest.size);
    expect(Number(counts!.ids)).toBe(generated.latest.size);

    const rows = await db.session.query<Record<string, unknown>>(
      `SELECT tracking_id, version, peak_price, return_1d, is_final, as_of FROM ${LATEST_VIEWS.recommendationTracking}`,
    );
    const mismatches = rows.filter((row) => {
      const expected = generated.latest.get(String(row.tracking_id));
      return (
        expected === undefined ||
        Number(row.version) !== expected.version ||
        row.peak_price !== expected.peak_price ||
        row.return_1d !== expected.checkpoints[0]!.return_pct ||
        row.is_final !== (expected.final ? 1 : 0) ||
        row.as_of !== new Date(expected.as_of).toISOString().slice(0, 19).replace('T', ' ')
      );
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    console.log(
      `[sink crash test] kills after ${kills.join('; ')}; ${counts!.stored} rows stored for ${generated.pairs} versions; ` +
        `${Math.round((Date.now() - started) / 1000)} s`,
    );
    await db.drop();
  }, 400_000);
});
