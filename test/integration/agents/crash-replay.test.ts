import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { DipAnalysis, PipelineHealth } from '../../../schemas/types.generated.ts';
import { createAlertsConfig } from '../../../streams/alerts/domain/index.ts';
import { dipProcessor } from '../../../streams/dips/dip-processor.ts';
import { monitorProcessor } from '../../../streams/monitor/monitor-processor.ts';
import { fieldEventTime } from '../../../streams/runtime/json-codec.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import { isTimeMark } from '../../../streams/runtime/time-marks.ts';
import type { InputRecord, OutputRecord, ProcessorDefinition } from '../../../streams/runtime/types.ts';
import { envelopeEventTime, type SymbolEnvelope } from '../../../streams/tracker/envelope.ts';
import {
  type AgentsRun,
  createAgentTopics,
  endOffsets,
  newAgentsRun,
  startAgentsJob,
} from '../../support/agents-run.ts';
import { generatedAgentsMarket } from '../../support/generated-agents-market.ts';
import { testKafka } from '../../support/kafka.ts';
import { killHard, readTopic, waitForCommitted } from '../../support/reference-run.ts';
import { produceInputs, readAvro, testSerde } from '../../support/tracker-run.ts';

const kafka = testKafka();
const serde = testSerde();
const market = generatedAgentsMarket();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function produceMarket(run: AgentsRun): Promise<void> {
  await produceInputs(kafka, serde, run.topics, market);
}

/** An internal JSON topic as Kafka kept it, as the runtime hands it to a processor (event time from the payload). */
async function storedInput<V>(topic: string, eventTime: (value: V) => number): Promise<InputRecord<V>[]> {
  const records = await readTopic(kafka, topic, 1, 3000);
  return records.map((r) => {
    const value = r.value as V;
    return { topic, ...r, value, timestamp: isTimeMark(value) ? value.$mark.time : eventTime(value) };
  });
}

/** What an uninterrupted run of a processor gives over its input as stored: the expected outputs of one topic. */
function uninterrupted<V>(
  definition: ProcessorDefinition<V>,
  input: InputRecord<V>[],
  topic: string,
): OutputRecord[] {
  return [...runInMemory(definition, input).outputs.values()].flat().filter((o) => o.topic === topic);
}

describe('the monitor and the dip validator killed with -9 mid-stream', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) await killHard(child);
  });

  it('end with exactly the outputs of an uninterrupted run over what they read, each input re-keyed once', async () => {
    const run = newAgentsRun('agents-crash');
    await createAgentTopics(kafka, run);
    await produceMarket(run);
    const small = { AMC_TRANSACTION_RECORDS: '10' };
    const progressAtKills: number[] = [];
    let seen = 0;
    for (let i = 0; i < 3; i++) {
      const child = startAgentsJob(run, small);
      children.push(child);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await endOffsets(kafka, run.topics.dipAnalyses)) <= seen)
        await sleep(50);
      await killHard(child);
      seen = await endOffsets(kafka, run.topics.dipAnalyses);
      progressAtKills.push(seen);
    }
    children.push(startAgentsJob(run, small));
    // Once the re-keying steps have committed every input, the internal topics are complete; the outputs
    // are then awaited by count (a transactional topic ends with a marker no consumer commits past).
    const app = run.applicationId;
    await waitForCommitted(kafka, `${app}-monitor-runs`, run.topics.discoveryRuns);
    await waitForCommitted(kafka, `${app}-by-symbol`, run.topics.bars);
    await waitForCommitted(kafka, `${app}-by-symbol`, run.topics.positions);

    // Each input reached the internal topics exactly once, kills or not.
    const runsIn = await storedInput(run.topics.monitorRuns, fieldEventTime('finished_at'));
    expect(runsIn.map((r) => (r.value as { run_id: string }).run_id).sort()).toEqual(
      market.runs.map((r) => r.run_id).sort(),
    );
    const bySymbol = await storedInput<SymbolEnvelope>(run.topics.bySymbol, envelopeEventTime);
    const envelopes = bySymbol.filter((r) => !isTimeMark(r.value));
    expect(envelopes.length).toBe(market.positions.length + market.bars.length);
    expect(new Set(envelopes.map((r) => `${r.partition}:${JSON.stringify(r.value)}`)).size).toBe(
      envelopes.length,
    );

    const alertsConfig = createAlertsConfig();
    const expectedHealth = uninterrupted(
      monitorProcessor({
        applicationId: 'x',
        input: run.topics.monitorRuns,
        health: 'health',
        alertCandidates: 'a',
        alertsConfig,
      }),
      runsIn as never,
      'health',
    ).map((o) => o.value as PipelineHealth);
    const expectedAnalyses = uninterrupted(
      dipProcessor({
        applicationId: 'x',
        input: run.topics.bySymbol,
        analyses: 'analyses',
        alertCandidates: 'a',
        alertsConfig,
      }),
      bySymbol,
      'analyses',
    ).map((o) => o.value as DipAnalysis);

    const [health, analyses] = await Promise.all([
      readAvro(
        kafka,
        serde,
        run.topics.pipelineHealth,
        'amc.learning.pipeline-health.v1',
        (r) => r.length >= expectedHealth.length,
        120_000,
        3000,
      ),
      readAvro(
        kafka,
        serde,
        run.topics.dipAnalyses,
        'amc.learning.dip-analyses.v1',
        (r) => r.length >= expectedAnalyses.length,
        120_000,
        3000,
      ),
    ]);
    const finished = await endOffsets(kafka, run.topics.dipAnalyses);
    expect(
      progressAtKills.some((p) => p > 0 && p < finished),
      `progress ${progressAtKills} of ${finished}`,
    ).toBe(true);

    const byRun = (list: readonly PipelineHealth[]) =>
      [...list].sort((a, b) => a.run_id.localeCompare(b.run_id));
    expect(byRun(health)).toEqual(byRun(expectedHealth));
    // A symbol's analyses share a key, hence a partition: their order is defined.
    const bySymbolOrder = (list: readonly DipAnalysis[]) =>
      [...list]
        .sort((a, b) => a.symbol.localeCompare(b.symbol))
        .map((a) => `${a.analysis_id} v${a.version} ${JSON.stringify(a)}`);
    expect(analyses.length).toBe(expectedAnalyses.length);
    expect(bySymbolOrder(analyses)).toEqual(bySymbolOrder(expectedAnalyses));

    // The generated market exercises what it should: signals, holds, outcomes found and missing.
    expect(expectedAnalyses.filter((a) => a.action === 'BUY_MORE').length).toBeGreaterThan(10);
    expect(expectedAnalyses.filter((a) => a.action === 'HOLD').length).toBeGreaterThan(10);
    expect(expectedAnalyses.some((a) => a.final && a.outcome_price_30d !== null)).toBe(true);
    expect(
      expectedAnalyses.some((a) => a.final && a.action === 'BUY_MORE' && a.outcome_price_30d === null),
    ).toBe(true);
    expect(expectedHealth.filter((h) => h.alert_severity !== null).length).toBeGreaterThan(2);
  }, 300_000);
});
