import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { TopicRecords } from '../../../schemas/types.generated.ts';
import { generatedMarket } from '../../support/generated-market.ts';
import { testKafka } from '../../support/kafka.ts';
import { killHard } from '../../support/reference-run.ts';
import {
  createTrackerTopics,
  latestOutcomes,
  newTrackerRun,
  produceInputs,
  readAvro,
  startTrackerJob,
  type TrackerRun,
  testSerde,
} from '../../support/tracker-run.ts';

type Outcome = TopicRecords['amc.learning.recommendation-outcomes.v1'];

const kafka = testKafka();
const serde = testSerde();
const market = generatedMarket();
const expectedTrackingIds = market.runs
  .flatMap((r) => r.candidates.map((c) => `${r.run_id}:${c.symbol}`))
  .sort();

async function produceGenerated(run: TrackerRun): Promise<void> {
  await produceInputs(kafka, serde, run.topics, market);
}

const allFinal = (outcomes: readonly Outcome[]) => {
  const latest = latestOutcomes(outcomes);
  return latest.size === expectedTrackingIds.length && [...latest.values()].every((o) => o.final);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sum of the topic's end offsets: how far its writers have got (aborted records and markers count too). */
async function endOffsets(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('the tracker killed with -9 mid-replay', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) await killHard(child);
  });

  it('ends with the outcomes of an uninterrupted run, every version once, each recommendation once', async () => {
    const calm = newTrackerRun('tracker-calm');
    const crashed = newTrackerRun('tracker-crash');
    await createTrackerTopics(kafka, calm);
    await createTrackerTopics(kafka, crashed);
    await produceGenerated(calm);
    await produceGenerated(crashed);

    children.push(startTrackerJob(calm));
    // Small transactions make many commit points; each incarnation is killed as soon as it
    // has written outcomes of its own: mid-replay, not before or after.
    const small = { AMC_TRANSACTION_RECORDS: '10' };
    const progressAtKills: number[] = [];
    let seen = 0;
    for (let i = 0; i < 4; i++) {
      const child = startTrackerJob(crashed, small);
      children.push(child);
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (await endOffsets(crashed.topics.outcomes)) <= seen) await sleep(50);
      await killHard(child);
      seen = await endOffsets(crashed.topics.outcomes);
      progressAtKills.push(seen);
    }
    children.push(startTrackerJob(crashed, small));

    const read = (run: TrackerRun) =>
      readAvro(
        kafka,
        serde,
        run.topics.outcomes,
        'amc.learning.recommendation-outcomes.v1',
        allFinal,
        240_000,
        3000,
      );
    const [calmOutcomes, crashedOutcomes] = await Promise.all([read(calm), read(crashed)]);

    // At least one kill landed mid-replay: some outcomes written, not all.
    const finished = await endOffsets(crashed.topics.outcomes);
    expect(
      progressAtKills.some((p) => p > 0 && p < finished),
      `progress ${progressAtKills} of ${finished}`,
    ).toBe(true);

    const finalOf = (outcomes: Outcome[]) =>
      [...latestOutcomes(outcomes).values()]
        .map((o) => ({ ...o, version: 0, as_of: 0 }))
        .sort((a, b) => a.tracking_id.localeCompare(b.tracking_id));
    expect(finalOf(crashedOutcomes).map((o) => o.tracking_id)).toEqual(expectedTrackingIds);
    expect(finalOf(crashedOutcomes)).toEqual(finalOf(calmOutcomes));
    // Halted and delisted symbols end with checkpoints marked missing, never with a made-up price.
    const missing = crashedOutcomes.flatMap((o) => o.checkpoints).filter((c) => c.status === 'MISSING');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((c) => c.price === null && c.missing_reason !== null)).toBe(true);

    for (const id of expectedTrackingIds) {
      const versions = crashedOutcomes.filter((o) => o.tracking_id === id).map((o) => o.version);
      expect(versions, id).toEqual(versions.map((_, i) => i + 1));
    }
    const recommendations = await readAvro(
      kafka,
      serde,
      crashed.topics.recommendations,
      'amc.learning.recommendations.v1',
      (r) => r.length >= expectedTrackingIds.length,
    );
    expect(recommendations.map((r) => r.tracking_id).sort()).toEqual(expectedTrackingIds);
  }, 420_000);
});
