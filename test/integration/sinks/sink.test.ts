import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyOf, TOPICS } from '../../../schemas/topics.ts';
import type { RecommendationOutcome } from '../../../schemas/types.generated.ts';
import { DERIVED_TABLES, LATEST_VIEWS, TABLES, VIEWS } from '../../../sinks/schema/names.ts';
import type { Sink } from '../../../sinks/sink.ts';
import { SAMPLES } from '../../fixtures/avro/samples.ts';
import { createTestDatabase, type TestDatabase } from '../../support/clickhouse.ts';
import { testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';
import { newSinkRun, produceRecords, testSink, waitForSinkCommitted } from '../../support/sink-run.ts';
import { testSerde } from '../../support/tracker-run.ts';

const kafka = testKafka();
const serde = testSerde();
const run = newSinkRun('sink-e2e');
let db: TestDatabase;
const sinks: Sink[] = [];

const baseOutcome = SAMPLES['amc.learning.recommendation-outcomes.v1'];
const outcome = (version: number, over: Partial<RecommendationOutcome> = {}): RecommendationOutcome => ({
  ...baseOutcome,
  version,
  peak_price: 8 + version,
  ...over,
});
const keyed = <T extends { tracking_id: string }>(value: T) => ({ key: value.tracking_id, value });

async function count(query: string): Promise<number> {
  const [row] = await db.session.query<{ n: string }>(query);
  return Number(row!.n);
}

/** Every sample of a contract the sink stores, produced as upstream or a processor would. */
async function produceSamples(): Promise<void> {
  const { topics } = run;
  const one = async <C extends keyof typeof topics>(contract: C) =>
    produceRecords(kafka, serde, topics[contract], contract, [
      { key: keyOf(contract, SAMPLES[contract]), value: SAMPLES[contract] as never },
    ]);
  await one(TOPICS.discoveryRuns.name);
  await one(TOPICS.pipelineHealth.name);
  await one(TOPICS.dipAnalyses.name);
  await one(TOPICS.cycles.name);
  await one(TOPICS.parameters.name);
  await one(TOPICS.alerts.name);
  await one(TOPICS.alertAcks.name);
  await one(TOPICS.deadLetters.name);
}

describe('the ClickHouse sink on Kafka and ClickHouse', () => {
  beforeAll(async () => {
    db = await createTestDatabase('sink_e2e', { migrated: false });
  });

  afterAll(async () => {
    for (const sink of sinks) await sink.stop();
    await db.drop();
  });

  it('stores every topic, committed transactions only, restatements as versions, duplicates once', async () => {
    const sink = testSink(kafka, serde, run, db);
    sinks.push(sink);
    const { migrations } = await sink.start();

    expect(migrations?.applied.length).toBeGreaterThan(0);
    const outcomes = run.topics[TOPICS.recommendationOutcomes.name];
    await produceRecords(
      kafka,
      serde,
      outcomes,
      TOPICS.recommendationOutcomes.name,
      [outcome(1), outcome(2)].map(keyed),
      'commit',
    );
    await produceRecords(
      kafka,
      serde,
      outcomes,
      TOPICS.recommendationOutcomes.name,
      [outcome(99)].map(keyed),
      'abort',
    );
    // The same version again (a processor's replay) and the next restatement, outside a transaction.
    await produceRecords(
      kafka,
      serde,
      outcomes,
      TOPICS.recommendationOutcomes.name,
      [outcome(2), outcome(3, { final: true })].map(keyed),
    );
    await produceSamples();
    await waitForSinkCommitted(kafka, run, 60_000);

    expect(await count(`SELECT count() AS n FROM ${TABLES.recommendationTracking} FINAL`)).toBe(3);
    expect(await count(`SELECT countIf(version = 99) AS n FROM ${TABLES.recommendationTracking}`)).toBe(0);
    const latest = await db.session.query(
      `SELECT tracking_id, version, peak_price, is_final, return_1d FROM ${LATEST_VIEWS.recommendationTracking}`,
    );
    expect(latest).toEqual([
      {
        tracking_id: baseOutcome.tracking_id,
        version: '3',
        peak_price: 11,
        is_final: 1,
        return_1d: 7.547169811320755,
      },
    ]);
    for (const view of Object.values(LATEST_VIEWS)) {
      expect(await count(`SELECT count() AS n FROM ${view}`), view).toBeGreaterThan(0);
    }
    expect(
      await db.session.query(
        `SELECT symbol, rank, composite_score, parameter_values FROM ${VIEWS.recommendationsScored}`,
      ),
    ).toEqual([{ symbol: 'QUBT', rank: 1, composite_score: 83.5, parameter_values: [60, 2.5] }]);
    expect(await db.session.query(`SELECT name, value, reason FROM ${VIEWS.parametersCurrent}`)).toEqual([
      {
        name: 'composite_score_threshold',
        value: 65,
        reason: SAMPLES['amc.learning.parameters.v1'].reason,
      },
    ]);
    // Written beside recommendation_tracking by its materialized view: the latest version, once.
    expect(
      await db.session.query(
        `SELECT tracking_id, version FROM ${DERIVED_TABLES.recommendationTrackingByDiscovery} FINAL`,
      ),
    ).toEqual([{ tracking_id: baseOutcome.tracking_id, version: '3' }]);
    // What the contracts gained reaches the tables.
    const gained = [
      `SELECT withdrawn FROM ${LATEST_VIEWS.dipAnalysisLog}`,
      `SELECT length(recommendations) AS advice, baseline_measures FROM ${LATEST_VIEWS.pipelineHealthLog}`,
      `SELECT tracker_median_return_30d_pct, dip_settled_buy_more FROM ${LATEST_VIEWS.learningCycles}`,
    ];
    expect(await Promise.all(gained.map((query) => db.session.query(query)))).toEqual([
      [{ withdrawn: 0 }],
      [{ advice: '1', baseline_measures: ['duration_ms', 'stage_rate:universe_loading'] }],
      [{ tracker_median_return_30d_pct: 3.1, dip_settled_buy_more: '0' }],
    ]);
    expect(await db.session.query(`SELECT alert_id, is_acknowledged FROM ${LATEST_VIEWS.alerts}`)).toEqual([
      { alert_id: 'alert-7f3a', is_acknowledged: 1 },
    ]);
    expect(sink.metrics.snapshot()).toMatchObject({ deadLetters: 0, refusedRows: 0 });
  });

  it('a second sink reading everything again (a lost commit) changes no answer', async () => {
    const finalCounts = async () =>
      Promise.all(
        [...Object.values(TABLES), ...Object.values(DERIVED_TABLES)].map((table) =>
          count(`SELECT count() AS n FROM ${table} FINAL`),
        ),
      );
    const before = await db.session.query(`SELECT * FROM ${VIEWS.recommendationsScored}`);
    const countsBefore = await finalCounts();
    const stored = await count(`SELECT count() AS n FROM ${TABLES.recommendationTracking}`);
    const again = { ...run, groupId: uniqueName('sink-e2e-replay') };
    const sink = testSink(kafka, serde, again, db);
    sinks.push(sink);
    await sink.start();
    await waitForSinkCommitted(kafka, again, 60_000);
    expect(await count(`SELECT count() AS n FROM ${TABLES.recommendationTracking}`)).toBeGreaterThan(stored);
    expect(await finalCounts()).toEqual(countsBefore);
    expect(await db.session.query(`SELECT * FROM ${VIEWS.recommendationsScored}`)).toEqual(before);
  });
});
