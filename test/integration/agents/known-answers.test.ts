import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DipAnalysis, PipelineHealth } from '../../../schemas/types.generated.ts';
import {
  expectKnownBaseline,
  expectKnownDipAnalyses,
  expectKnownStaticHealth,
  expectVersionsOnce,
  knownAlertKeys,
  knownDipsSettled,
} from '../../support/agents-answers.ts';
import { knownDips, knownRuns } from '../../support/agents-market.ts';
import {
  createAgentTopics,
  endOffsets,
  newAgentsRun,
  produceWithCli,
  startAgentsJob,
  waitForGrowth,
} from '../../support/agents-run.ts';
import { testKafka } from '../../support/kafka.ts';
import { killHard } from '../../support/reference-run.ts';
import { produceInputs, readAvro, testSerde } from '../../support/tracker-run.ts';

const kafka = testKafka();
const serde = testSerde();
const run = newAgentsRun('agents-known');
const children: ChildProcess[] = [];

/** The analyses of the harness-fed symbols, or of the front door's (suffix F). */
const ofSuffix = (records: readonly DipAnalysis[], suffix: string) =>
  records.filter((r) => (suffix === '' ? !r.symbol.endsWith('F') : r.symbol.endsWith(suffix)));

const readHealth = (count: number) =>
  readAvro(
    kafka,
    serde,
    run.topics.pipelineHealth,
    'amc.learning.pipeline-health.v1',
    (r) => r.length >= count,
  );
const readAnalyses = (done: (r: readonly DipAnalysis[]) => boolean) =>
  readAvro(kafka, serde, run.topics.dipAnalyses, 'amc.learning.dip-analyses.v1', done);

describe('the discovery monitor and the buy-the-dip validator on inputs with known answers', () => {
  let health: PipelineHealth[];
  let analyses: DipAnalysis[];

  beforeAll(async () => {
    await createAgentTopics(kafka, run);
    children.push(startAgentsJob(run));
    // One run at a time, each on the monitor's topic before the next is sent: the baseline sees them in order.
    for (const value of knownRuns('M')) {
      const before = await endOffsets(kafka, run.topics.monitorRuns);
      await produceInputs(kafka, serde, run.topics, { runs: [value] });
      await waitForGrowth(kafka, run.topics.monitorRuns, before);
    }
    await produceInputs(kafka, serde, run.topics, knownDips());
    [health, analyses] = await Promise.all([
      readHealth(10),
      readAnalyses((r) => knownDipsSettled(ofSuffix(r, ''))),
    ]);
  }, 240_000);

  afterAll(async () => {
    for (const child of children) await killHard(child);
  });

  it('scores each run: components by name, a missing one absent, breaches with their severity', () => {
    expectKnownStaticHealth(health, 'M');
  });

  it('follows the baseline: warm-up, then a drift inside the static limits that becomes a sustained WARNING', () => {
    expectKnownBaseline(health, 'M');
  });

  it('analyses each dipped holding once and follows each BUY_MORE to its outcome', () => {
    expectKnownDipAnalyses(ofSuffix(analyses, ''), '');
    expectVersionsOnce(ofSuffix(analyses, ''));
  });

  it('raises exactly the expected alerts through the gate', async () => {
    const alerts = await readAvro(
      kafka,
      serde,
      run.topics.alerts,
      'amc.learning.alerts.v1',
      (a) => a.length >= 5,
    );
    expect(knownAlertKeys(alerts)).toEqual([
      ['buy_more_signal:DIPA:2026-03-30', 'HIGH', 'false'],
      ['buy_more_signal:NOVL:2026-03-30', 'INFO', 'false'],
      ['pipeline_drift:duration_ms', 'WARNING', 'false'],
      ['pipeline_unhealthy:M5', 'WARNING', 'false'],
      ['pipeline_unhealthy:M9', 'CRITICAL', 'true'],
    ]);
    const relaxed = alerts.find((a) => a.dedup_key === 'pipeline_unhealthy:M9');
    expect(relaxed?.title).toBe('Discovery run M9 unhealthy (health 0.42, relaxed thresholds)');
    // The drift type is new to the alert contract's enum: readers see OTHER with the type kept in data.
    expect(alerts.find((a) => a.dedup_key === 'pipeline_drift:duration_ms')).toMatchObject({
      type: 'OTHER',
      data: expect.objectContaining({ alert_type: 'PIPELINE_DRIFT', run_id: 'M8' }),
    });
  });

  it('dead-letters the open position priced at 0, and analyses the rest', async () => {
    const letters = await readAvro(
      kafka,
      serde,
      run.topics.deadLetters,
      'amc.learning.dead-letters.v1',
      (d) => d.length >= 1,
    );
    expect(letters.map((d) => [d.source_topic, d.reason_code, d.processor])).toEqual([
      [run.topics.positions, 'NON_POSITIVE_PRICE', `${run.applicationId}-by-symbol`],
    ]);
  });

  it('gives the same answers through the front door: npm run produce, bars before positions, runs in reverse', async () => {
    const { positions, bars } = knownDips('F');
    await produceWithCli(run, 'amc.market.bars.v1', bars);
    const refused = await produceWithCli(run, 'amc.portfolio.positions.v1', positions);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/NON_POSITIVE_PRICE/);
    await produceWithCli(run, 'amc.discovery.runs.v1', knownRuns('F').reverse());
    // In this order interim versions differ (a closed holding is analysed, then withdrawn): what stands does not.
    const all = await readAnalyses((r) => knownDipsSettled(ofSuffix(r, 'F')));
    expectKnownDipAnalyses(ofSuffix(all, 'F'), 'F');
    expectVersionsOnce(ofSuffix(all, 'F'));
    const allHealth = await readHealth(20);
    expectKnownStaticHealth(
      allHealth.filter((h) => h.run_id.startsWith('F')),
      'F',
    );
  }, 180_000);
});
