import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapScanFile } from '../../../bridges/amc-trader/scan-file.ts';
import { mapScanLog } from '../../../bridges/amc-trader/scan-log.ts';
import type { TopicRecords } from '../../../schemas/types.generated.ts';
import { AMC_TRADER_FIXTURES, fixtureText, IMPORT_CONTEXT } from '../../support/amc-trader-fixtures.ts';
import { polygonDays, runImporter, waitForTransactionalCommitted } from '../../support/amc-trader-run.ts';
import { testKafka } from '../../support/kafka.ts';
import { killHard, waitForCommitted } from '../../support/reference-run.ts';
import {
  createTrackerTopics,
  latestOutcomes,
  newTrackerRun,
  readAvro,
  startTrackerJob,
  testSerde,
} from '../../support/tracker-run.ts';

type Outcome = TopicRecords['amc.learning.recommendation-outcomes.v1'];
const fixture = (name: string) => path.join(AMC_TRADER_FIXTURES, name);

// Every published candidate of the recorded files: the V4 scan's 500 and the scan log's 228 scored rows.
const importedRuns = [
  ...mapScanFile(fixtureText('diamonds_v4.json'), { file: 'v4', context: IMPORT_CONTEXT }).runs,
  ...mapScanLog(fixtureText('scanner_performance.csv'), { file: 'log', context: IMPORT_CONTEXT }).runs,
];
const trackingIds = importedRuns.flatMap((run) => run.candidates.map((c) => `${run.run_id}:${c.symbol}`));

describe('the recorded AMC-TRADER files, imported into the running tracker', () => {
  const kafka = testKafka();
  const serde = testSerde();
  const run = newTrackerRun('amc-import');
  let job: ChildProcess;
  let barsDir: string;
  let barFiles: string[];
  let firstOutcomes: Outcome[];
  const imports = () => [
    // An unhelpful order: the market first, the log next, the V4 scan file last.
    ['bars', ...barFiles],
    [
      'scan-log',
      fixture('scanner_performance.csv'),
      '--equity',
      '101530.37',
      '--holdings',
      fixture('portfolio_tracking.csv'),
    ],
    ['scan', fixture('diamonds_v4.json')],
  ];
  const waitForTheJob = async () => {
    await waitForCommitted(kafka, `${run.applicationId}-fanout`, run.topics.discoveryRuns);
    for (const topic of [run.topics.bars, run.topics.positions]) {
      await waitForCommitted(kafka, `${run.applicationId}-by-symbol`, topic);
    }
    await waitForTransactionalCommitted(kafka, `${run.applicationId}-by-symbol`, run.topics.recommendations);
    await waitForTransactionalCommitted(kafka, `${run.applicationId}-tracker`, run.topics.bySymbol);
  };
  const readOutcomes = (done: (o: readonly Outcome[]) => boolean) =>
    readAvro(
      kafka,
      serde,
      run.topics.outcomes,
      'amc.learning.recommendation-outcomes.v1',
      done,
      240_000,
      3000,
    );

  beforeAll(async () => {
    await createTrackerTopics(kafka, run);
    job = startTrackerJob(run);
    barsDir = await mkdtemp(path.join(tmpdir(), 'amc-polygon-'));
    barFiles = [];
    for (const day of polygonDays(importedRuns)) {
      const file = path.join(barsDir, `grouped-${day.session}.json`);
      await writeFile(file, day.json);
      barFiles.push(file);
    }
    for (const args of imports()) {
      const result = await runImporter(args, run.prefix);
      expect(result.code, result.stderr).toBe(args[0] === 'scan-log' ? 1 : 0);
    }
    firstOutcomes = await readOutcomes((o) => latestOutcomes(o).size >= trackingIds.length);
    await waitForTheJob();
    firstOutcomes = await readOutcomes(() => true);
  }, 400_000);

  afterAll(async () => {
    if (job) await killHard(job);
    if (barsDir) await rm(barsDir, { recursive: true, force: true });
  });

  it('tracks every candidate of the imported runs: 728, each with its day-1 checkpoint reached', () => {
    expect(trackingIds).toHaveLength(728);
    const latest = latestOutcomes(firstOutcomes);
    expect([...latest.keys()].sort()).toEqual([...trackingIds].sort());
    for (const outcome of latest.values()) {
      expect(outcome.checkpoints[0]).toMatchObject({ days: 1, status: 'REACHED' });
    }
  });

  it('discovers the V4 scan at its Los Angeles time and the entered RIG as bought', () => {
    const latest = latestOutcomes(firstOutcomes);
    const itub = latest.get('amc-trader-20260210-164645:ITUB')!;
    expect(new Date(itub.discovered_at).toISOString()).toBe('2026-02-11T00:46:45.000Z');
    expect(itub.checkpoints[0]!.session_date).toBe('2026-02-11');
    expect(latest.get('amc-trader-20260209-132343:RIG')!.bought).toBe(true);
    expect(latest.get('amc-trader-20260209-132343:MNTS')!.bought).toBe(false);
  });

  it('adds nothing when every file is imported a second time', async () => {
    for (const args of imports()) await runImporter(args, run.prefix);
    await waitForTheJob();
    const recommendations = await readAvro(
      kafka,
      serde,
      run.topics.recommendations,
      'amc.learning.recommendations.v1',
      () => true,
      60_000,
      3000,
    );
    expect(recommendations).toHaveLength(728);
    const runs = await readAvro(
      kafka,
      serde,
      run.topics.discoveryRuns,
      'amc.discovery.runs.v1',
      () => true,
      60_000,
      1000,
    );
    expect(runs).toHaveLength(2 * 34); // published twice, fanned out once
    const bars = await readAvro(
      kafka,
      serde,
      run.topics.bars,
      'amc.market.bars.v1',
      () => true,
      60_000,
      1000,
    );
    const generated =
      barFiles.length === 0
        ? 0
        : polygonDays(importedRuns).reduce((n, d) => n + JSON.parse(d.json).resultsCount, 0);
    expect(bars).toHaveLength(2 * generated); // every identical bar came again, as a correction that changes nothing
    const positions = await readAvro(
      kafka,
      serde,
      run.topics.positions,
      'amc.portfolio.positions.v1',
      () => true,
      60_000,
      1000,
    );
    expect(positions).toHaveLength(2 * 7);
    const outcomes = await readOutcomes(() => true);
    expect(outcomes).toHaveLength(firstOutcomes.length);
  }, 300_000);
});
