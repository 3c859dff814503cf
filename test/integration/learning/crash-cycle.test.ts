import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { coordinatorProcessor } from '../../../streams/learning/coordinator-processor.ts';
import { createLearningConfig } from '../../../streams/learning/domain/index.ts';
import type { CoordinatorEnvelope } from '../../../streams/learning/envelope.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import { testKafka } from '../../support/kafka.ts';
import { healthAt, learningMarket, publishMarket } from '../../support/learning-market.ts';
import {
  createLearningTopics,
  learningPublisher,
  newLearningRun,
  readCycles,
  startLearningJob,
  waitForCoordinatorInputs,
} from '../../support/learning-run.ts';
import { uniqueName } from '../../support/names.ts';
import { killHard } from '../../support/reference-run.ts';
import { readUntilIdle } from '../../support/topic-reader.ts';
import { testSerde } from '../../support/tracker-run.ts';

const kafka = testKafka();
const serde = testSerde();
const market = learningMarket();
const PICKS = 200;
// The inputs' event time runs from Monday 5 January to a pipeline-health record on Tuesday 31 March.
const TICK = Date.parse('2026-03-31T15:00:00Z');
const LAST = 'weekly-2026-03-30';
const WEEKS = Array.from(
  { length: 12 },
  (_, i) => `weekly-${new Date(Date.UTC(2026, 0, 12 + 7 * i)).toISOString().slice(0, 10)}`,
);

describe('the coordinator killed with -9 in mid-cycle', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) await killHard(child);
  });

  it('leaves one record per cycle: what an uninterrupted run over the same inputs writes', async () => {
    const run = newLearningRun('learn-crash');
    await createLearningTopics(kafka, run);
    await publishMarket(kafka, serde, run, market);
    // Published with the rest: whichever input comes first, every week from 12 January is run once.
    const publisher = await learningPublisher(kafka, serde, run);
    await publisher
      .publish('amc.learning.pipeline-health.v1', [healthAt('run-tick', TICK)])
      .finally(() => publisher.close());
    // Small transactions make many commit points. A reader of uncommitted records sees each cycle
    // record the moment it reaches the log, inside its transaction, and kills the job right there.
    const small = { AMC_TRANSACTION_RECORDS: '10' };
    let victim: ChildProcess | undefined;
    let sawCycle: (() => void) | undefined;
    const watcher = kafka.consumer({
      groupId: uniqueName('cycle-watch'),
      readUncommitted: true,
      maxWaitTimeInMs: 20,
    });
    await watcher.connect();
    await watcher.subscribe({ topic: run.learning.cycles, fromBeginning: true });
    await watcher.run({
      eachMessage: async () => {
        victim?.kill('SIGKILL');
        sawCycle?.();
      },
    });
    let kills = 0;
    try {
      for (let i = 0; i < 4; i++) {
        const child = startLearningJob(run, small);
        children.push(child);
        const seen = new Promise<boolean>((resolve) => {
          sawCycle = () => resolve(true);
          setTimeout(() => resolve(false), 45_000);
        });
        victim = child;
        const killed = await seen;
        victim = undefined;
        sawCycle = undefined;
        await killHard(child);
        if (!killed) break;
        kills++;
        // Records the killed job wrote just before dying reach the watcher now, not after the next start.
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      await watcher.disconnect();
    }
    children.push(startLearningJob(run, small));

    const inputs = await waitForCoordinatorInputs(
      kafka,
      run,
      (envelopes) =>
        new Set(envelopes.flatMap((e) => (e.kind === 'outcome' && e.fact.final ? [e.fact.tracking_id] : [])))
          .size === PICKS,
    );
    const cycles = await readCycles(kafka, run, (read) => read.some((c) => c.cycle_id === LAST));

    // Every weekly cycle once, Mondays 12 January to 30 March: none lost, none twice.
    expect(cycles.map((c) => c.cycle_id).sort()).toEqual(WEEKS);

    // Exactly the records of an uninterrupted run over the inputs the coordinator was handed, in their order.
    const definition = coordinatorProcessor({
      applicationId: 'in-memory',
      input: run.learning.coordinatorInputs,
      cycles: run.learning.cycles,
      parameters: run.learning.parameters,
      alertCandidates: run.learning.alertsByType,
      config: createLearningConfig(),
      agents: { tracker: true, monitor: true, dipValidator: true },
    });
    const uninterrupted = runInMemory(
      definition,
      inputs.map((value, offset) => ({
        topic: run.learning.coordinatorInputs,
        partition: 0,
        offset: String(offset),
        timestamp: (value as CoordinatorEnvelope).at,
        key: 'coordinator',
        value,
      })),
    );
    const expected = (uninterrupted.outputs.get(0) ?? [])
      .filter((o) => o.topic === run.learning.cycles)
      .map((o) => o.value);
    const byId = (a: { cycle_id: string }, b: { cycle_id: string }) => a.cycle_id.localeCompare(b.cycle_id);
    expect([...cycles].sort(byId)).toEqual([...(expected as typeof cycles)].sort(byId));

    // The kills landed inside cycles' transactions: their records are in the log, aborted.
    const everything = await readUntilIdle(
      kafka,
      run.learning.cycles,
      (v) => v,
      () => true,
      {
        idleMs: 1500,
        readUncommitted: true,
      },
    );
    const aborted = everything.length - cycles.length;
    console.log(`${kills} kills in mid-cycle; cycle records committed ${cycles.length}, aborted ${aborted}`);
    expect(kills).toBeGreaterThan(0);
    expect(aborted).toBeGreaterThan(0);
  }, 420_000);
});
