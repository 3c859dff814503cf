import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../../schemas/topics.ts';
import type { RecommendationOutcome } from '../../../schemas/types.generated.ts';
import { TABLES } from '../../../sinks/schema/names.ts';
import type { Sink } from '../../../sinks/sink.ts';
import { SAMPLES } from '../../fixtures/avro/samples.ts';
import { createTestDatabase, type TestDatabase } from '../../support/clickhouse.ts';
import { testKafka } from '../../support/kafka.ts';
import { newSinkRun, produceRecords, testSink } from '../../support/sink-run.ts';
import { testSerde } from '../../support/tracker-run.ts';

const kafka = testKafka();
const serde = testSerde();
const run = newSinkRun('sink-refused');
let db: TestDatabase;
let sink: Sink | undefined;

const base = SAMPLES['amc.learning.recommendation-outcomes.v1'];
const outcome = (symbol: string, sessionDate?: string): RecommendationOutcome => ({
  ...base,
  tracking_id: `${base.run_id}:${symbol}`,
  symbol,
  checkpoints: base.checkpoints.map((c, i) =>
    i === 0 && sessionDate !== undefined ? { ...c, session_date: sessionDate } : c,
  ),
});

async function rows<T>(query: string, until: (rows: T[]) => boolean): Promise<T[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await db.session.query<T>(query);
    if (until(found) || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('a row the real ClickHouse refuses', () => {
  beforeAll(async () => {
    db = await createTestDatabase('sink_refused');
  });

  afterAll(async () => {
    await sink?.stop();
    await db.drop();
  });

  it('goes to the dead-letter topic with the server message, and the rest of its batch is stored', async () => {
    sink = testSink(kafka, serde, run, db);
    await sink.start();
    // Avro takes any string as a session date; ClickHouse's Date column does not.
    const records = [outcome('AAA'), outcome('BBB', 'not-a-date'), outcome('CCC')];
    await produceRecords(
      kafka,
      serde,
      run.topics[TOPICS.recommendationOutcomes.name],
      TOPICS.recommendationOutcomes.name,
      records.map((value) => ({ key: value.tracking_id, value })),
      'commit',
    );

    // The dead letter comes back through the sink's own dead-letter topic into its table.
    const letters = await rows<{
      source_topic: string;
      reason_code: string;
      reason: string;
      processor: string;
    }>(
      `SELECT source_topic, reason_code, reason, processor FROM ${TABLES.deadLetters}`,
      (found) => found.length > 0,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      source_topic: run.topics[TOPICS.recommendationOutcomes.name],
      reason_code: 'PROCESSING_FAILED',
      processor: 'clickhouse-sink',
    });
    // ClickHouse's own words, naming the table and the column it could not read.
    expect(letters[0]!.reason).toMatch(
      /^ClickHouse refused the row for recommendation_tracking: .*Cannot parse/,
    );
    expect(letters[0]!.reason).toContain('session_1d');

    const stored = await rows<{ symbol: string }>(
      `SELECT DISTINCT symbol FROM ${TABLES.recommendationTracking} ORDER BY symbol`,
      (found) => found.length >= 2,
    );
    expect(stored.map((r) => r.symbol)).toEqual(['AAA', 'CCC']);
    expect(sink.metrics.snapshot()).toMatchObject({ refusedRows: 1 });
  });
});
