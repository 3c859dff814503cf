import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEndpoints } from '../../../config/endpoints.ts';
import type { Alert, LearningCycle } from '../../../schemas/types.generated.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { createCommandPublisher } from '../../../streams/learning/command-publisher.ts';
import type { CoordinatorEnvelope } from '../../../streams/learning/envelope.ts';
import { testKafka } from '../../support/kafka.ts';
import {
  dipAt,
  healthAt,
  learningMarket,
  PLANTED_COMPOSITE_THRESHOLD,
  publishMarket,
} from '../../support/learning-market.ts';
import {
  createLearningTopics,
  type LearningRun,
  newLearningRun,
  readCycles,
  readParameters,
  startLearningJob,
  waitForCoordinatorInputs,
} from '../../support/learning-run.ts';
import { produceWithCli } from '../../support/produce-cli.ts';
import { killHard } from '../../support/reference-run.ts';
import { latestOutcomes, readAvro, testSerde } from '../../support/tracker-run.ts';

/*
 * The whole job on a replay of ten weeks of history: discovery runs and
 * bars published today (wall-clock Kafka timestamps, bars before runs; the
 * late pipeline-health and dip records through npm run produce), the
 * tracker settling the 30-day outcomes, the coordinator learning from them.
 * Monday 07:00 New York is 12:00 UTC until 8 March 2026 and 11:00 UTC from
 * then on. The data's event time runs from Monday 5 January (after 07:00) to
 * Tuesday 31 March, so the weekly cycles are those of the twelve Mondays
 * from 12 January to 30 March, each once. Outcomes reach the coordinator in
 * no particular order across the tracker's partitions, so only the last
 * cycle, fired by a record published after all of them arrived, is sure to
 * see them all.
 */
const EXPECTED_CYCLES: [string, string][] = [
  ['weekly-2026-01-12', '2026-01-12T12:00:00Z'],
  ['weekly-2026-01-19', '2026-01-19T12:00:00Z'],
  ['weekly-2026-01-26', '2026-01-26T12:00:00Z'],
  ['weekly-2026-02-02', '2026-02-02T12:00:00Z'],
  ['weekly-2026-02-09', '2026-02-09T12:00:00Z'],
  ['weekly-2026-02-16', '2026-02-16T12:00:00Z'],
  ['weekly-2026-02-23', '2026-02-23T12:00:00Z'],
  ['weekly-2026-03-02', '2026-03-02T12:00:00Z'],
  ['weekly-2026-03-09', '2026-03-09T11:00:00Z'],
  ['weekly-2026-03-16', '2026-03-16T11:00:00Z'],
  ['weekly-2026-03-23', '2026-03-23T11:00:00Z'],
  ['weekly-2026-03-30', '2026-03-30T11:00:00Z'],
];
const LAST = 'weekly-2026-03-30';
const TICK = Date.parse('2026-03-31T15:00:00Z');

const kafka = testKafka();
const serde = testSerde();
const market = learningMarket();
const children: ChildProcess[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'amc-learning-'));
const run: LearningRun = newLearningRun('learn-weekly');
let cycles: LearningCycle[] = [];

/**
 * Feeds the market so the last cycle sees all of it: the outcomes through
 * the router first, then a health record and a dip analysis, then a record
 * past the last Monday. (Inputs on different topics reach the coordinator
 * in no particular order; waiting for each step on its input topic makes it.)
 */
async function replay(target: LearningRun): Promise<void> {
  await publishMarket(kafka, serde, target, market);
  const picks = market.runs.reduce((n, r) => n + r.candidates.length, 0);
  await readAvro(
    kafka,
    serde,
    target.topics.outcomes,
    'amc.learning.recommendation-outcomes.v1',
    (outcomes) => {
      const latest = latestOutcomes(outcomes);
      return latest.size === picks && [...latest.values()].every((o) => o.final);
    },
    300_000,
  );
  const finalOutcomes = (envelopes: readonly CoordinatorEnvelope[]) =>
    new Set(envelopes.flatMap((e) => (e.kind === 'outcome' && e.fact.final ? [e.fact.tracking_id] : [])))
      .size;
  await waitForCoordinatorInputs(kafka, target, (envelopes) => finalOutcomes(envelopes) === picks);
  // The late records as an upstream team would publish them: npm run produce, one file per topic.
  const late = healthAt('run-late', Date.parse('2026-03-25T15:00:00Z'));
  produceWithCli(target.prefix, 'amc.learning.pipeline-health.v1', [late], scratch);
  produceWithCli(
    target.prefix,
    'amc.learning.dip-analyses.v1',
    [dipAt(Date.parse('2026-03-26T14:30:00Z'))],
    scratch,
  );
  await waitForCoordinatorInputs(kafka, target, (envelopes) =>
    ['health', 'dip'].every((kind) => envelopes.some((e) => e.kind === kind)),
  );
  produceWithCli(target.prefix, 'amc.learning.pipeline-health.v1', [healthAt('run-tick', TICK)], scratch);
}

describe('the learning coordinator through Kafka', () => {
  beforeAll(async () => {
    await createLearningTopics(kafka, run);
    children.push(startLearningJob(run));
    await replay(run);
    // The cycles topic is keyed by cycle id over several partitions: in time order for reading.
    cycles = (await readCycles(kafka, run, (read) => read.some((c) => c.cycle_id === LAST))).sort(
      (a, b) => a.window_end - b.window_end,
    );
  }, 480_000);

  afterAll(async () => {
    for (const child of children) await killHard(child);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('fires the weekly cycle from event time during the replay, once per week', () => {
    expect(cycles.map((c) => [c.cycle_id, new Date(c.window_end).toISOString().replace('.000', '')])).toEqual(
      EXPECTED_CYCLES,
    );
    expect(cycles.every((c) => c.trigger === 'SCHEDULED' && c.status === 'COMPLETED')).toBe(true);
  });

  it('the last cycle saw every settled pick, the pipeline health and the dip analysis, and earned the planted threshold', () => {
    const last = cycles.find((c) => c.cycle_id === LAST)!;
    expect(last.tracker).toMatchObject({
      recommendations: 200,
      completed: 200,
      return_sample_size: 200,
      evidence_sample_size: 200,
    });
    expect(last.tracker!.score_quintiles.map((q) => q.sample_size)).toEqual([40, 40, 40, 40, 40]);
    expect(last.tracker!.composite_ic).toBeGreaterThan(0.3);
    // The monitor's assessment of the twenty runs, and the recorded sample published late.
    expect(last.monitor).toMatchObject({ runs: 21 });
    expect(last.monitor!.mean_health).not.toBeNull();
    // The recorded dip analysis (the validator has no holdings to analyse here).
    expect(last.dip_validator).toMatchObject({
      analyses: 1,
      buy_more_signals: 1,
      buy_more_mean_thesis_strength: 0.8,
    });
    const proposal = last.proposals.find((p) => p.parameter === 'composite_score_threshold')!;
    expect(proposal.status).toBe('PENDING');
    expect(Math.abs(proposal.proposed_value! - PLANTED_COMPOSITE_THRESHOLD)).toBeLessThanOrEqual(5);
    expect(proposal.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('raised an INFO alert per cycle and a WARNING for the proposal awaiting approval, through the gate', async () => {
    const alerts = await readAvro(
      kafka,
      serde,
      run.learning.alerts,
      'amc.learning.alerts.v1',
      (read: readonly Alert[]) =>
        read.some((a) => a.type === 'PARAMETER_PROPOSED' && a.dedup_key.includes(LAST)),
    );
    const completed = alerts.filter((a) => a.type === 'CYCLE_COMPLETED');
    expect(new Set(completed.map((a) => a.dedup_key))).toEqual(
      new Set(EXPECTED_CYCLES.map(([id]) => `cycle_completed:${id}`)),
    );
    expect(completed.every((a) => a.severity === 'INFO')).toBe(true);
    expect(
      alerts.find((a) => a.dedup_key === `parameter_proposed:${LAST}:composite_score_threshold`)?.severity,
    ).toBe('WARNING');
  });

  it('approve writes exactly one parameter record, a retried request nothing more; rollback restores', async () => {
    const commands = await createCommandPublisher({ kafka, topic: run.learning.commands });
    try {
      const approval = {
        requestedBy: 'ops',
        requestedAt: TICK + 60_000,
        commandId: 'approve-1',
        proposalId: `${LAST}:composite_score_threshold`,
      };
      await commands.approveParameter('composite_score_threshold', approval);
      await commands.approveParameter('composite_score_threshold', approval);
      await commands.rollbackParameter('composite_score_threshold', {
        requestedBy: 'ops',
        requestedAt: TICK + 120_000,
      });
    } finally {
      await commands.close();
    }
    const values = await readParameters(kafka, run, (read) => read.length >= 2);
    expect(values.map((v) => [v.value, v.previous_value, v.source, v.proposal_id])).toEqual([
      [cycles.at(-1)!.proposals[0]!.proposed_value, 50, 'APPROVED', `${LAST}:composite_score_threshold`],
      [50, cycles.at(-1)!.proposals[0]!.proposed_value, 'MANUAL', null],
    ]);
  });

  it('npm run learn -- --at asks for a cycle that appears as on-demand-<command id>', async () => {
    const endpoints = loadEndpoints();
    const result = spawnSync(
      'npm',
      ['run', '--silent', 'learn', '--', '--at', '2026-03-31T16:00:00Z', '--by', 'ops'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
          AMC_TOPIC_PREFIX: run.prefix,
        },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const id = /requested cycle (on-demand-\S+) as of 2026-03-31T16:00:00.000Z \(by ops\)/.exec(
      result.stdout,
    )?.[1];
    expect(id, result.stdout).toBeDefined();
    const all = await readCycles(kafka, run, (read) => read.some((c) => c.cycle_id === id), 120_000);
    expect(all.find((c) => c.cycle_id === id)).toMatchObject({
      trigger: 'ON_DEMAND',
      window_end: Date.parse('2026-03-31T16:00:00Z'),
    });
    const refused = spawnSync('npm', ['run', '--silent', 'learn', '--', '--later'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('usage: npm run learn');
  });
});
