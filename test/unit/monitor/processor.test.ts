import { describe, expect, it } from 'vitest';
import type { DiscoveryRun, PipelineHealth } from '../../../schemas/types.generated.ts';
import { createAlertsConfig } from '../../../streams/alerts/domain/index.ts';
import { createMonitorConfig } from '../../../streams/monitor/domain/index.ts';
import { monitorProcessor } from '../../../streams/monitor/monitor-processor.ts';
import { PartitionProcessor } from '../../../streams/runtime/partition-processor.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import type { InputRecord } from '../../../streams/runtime/types.ts';
import { discoveryRun } from '../../support/market.ts';

const T0 = Date.parse('2026-03-02T21:00:00Z');
const HOUR = 3_600_000;

const definition = (rememberedRuns?: number) =>
  monitorProcessor({
    ...(rememberedRuns === undefined ? {} : { rememberedRuns }),
    applicationId: 'monitor-test',
    input: 'runs',
    health: 'health',
    alertCandidates: 'alerts-by-type',
    config: createMonitorConfig({ baseline: { windowRuns: 5, warmUpRuns: 3, sustainedRuns: 2 } }),
    alertsConfig: createAlertsConfig(),
  });

let offset = 0;
function runRecord(index: number, overrides: Partial<DiscoveryRun> = {}): InputRecord<DiscoveryRun> {
  const candidates = Array.from({ length: 12 }, (_, i) => ({ symbol: `S${i}`, price: 10 }));
  const run = {
    ...discoveryRun(`run-${index}`, T0 + index * HOUR, candidates),
    duration_ms: 8_000,
    ...overrides,
  };
  return {
    topic: 'runs',
    partition: 0,
    offset: String(offset++),
    timestamp: run.finished_at,
    key: 'discovery-runs',
    value: run,
  };
}

const healthOf = (result: ReturnType<typeof runInMemory>) =>
  (result.outputs.get(0) ?? []).filter((o) => o.topic === 'health').map((o) => o.value as PipelineHealth);

describe('the monitor processor', () => {
  it('publishes one health record per run, keyed by run id at its event time; a replayed run counts once', () => {
    const records = [runRecord(0), runRecord(1), runRecord(0)];
    const result = runInMemory(definition(), records);
    const outputs = result.outputs.get(0) ?? [];
    expect(outputs.map((o) => [o.topic, o.key, o.timestamp])).toEqual([
      ['health', 'run-0', T0],
      ['health', 'run-1', T0 + HOUR],
    ]);
    expect(healthOf(result)[1]).toMatchObject({
      run_id: 'run-1',
      candidate_count: 12,
      health_score: 1,
      healthy: true,
      alert_severity: null,
      // The one untimed stage of the fixture is named, not scored.
      components: [{ name: 'processing_time' }, { name: 'candidate_count' }],
      baseline: expect.arrayContaining([expect.objectContaining({ measure: 'duration_ms', samples: 1 })]),
    });
  });

  it('remembers the latest run ids only, so its store stays bounded', () => {
    // Run 0 finishes last: the ids forgotten are those of the earliest runs, 1 and 2.
    const records = [runRecord(0, { finished_at: T0 + 9 * HOUR }), runRecord(1), runRecord(2), runRecord(3)];
    const replays = [runRecord(0, { finished_at: T0 + 9 * HOUR }), runRecord(3), runRecord(1)];
    const result = runInMemory(definition(2), [...records, ...replays]);
    expect(healthOf(result).map((h) => h.run_id)).toEqual(['run-0', 'run-1', 'run-2', 'run-3', 'run-1']);
  });

  it('sends the unhealthy alert to the gate, keyed by its type', () => {
    const result = runInMemory(definition(), [runRecord(0, { duration_ms: 21_000, candidates: [] })]);
    const alert = (result.outputs.get(0) ?? []).find((o) => o.topic === 'alerts-by-type');
    expect(alert).toMatchObject({
      key: 'pipeline_unhealthy',
      timestamp: T0,
      value: { kind: 'candidate', candidate: { type: 'PIPELINE_UNHEALTHY', severity: 'CRITICAL' } },
    });
    expect(healthOf(result)[0]).toMatchObject({
      healthy: false,
      alert_severity: 'CRITICAL',
      health_score: 0,
    });
  });

  it('keeps the baseline in its store: a restored partition continues where it stopped', () => {
    const records = [0, 1, 2, 3, 4].map((i) => runRecord(i, { duration_ms: i < 3 ? 8_000 : 12_000 }));
    const whole = healthOf(runInMemory(definition(), records));
    // Restart after three runs: a new partition processor restored from the first one's stores.
    const first = new PartitionProcessor(definition(), 0);
    for (const r of records.slice(0, 3)) first.process(r);
    first.commit();
    const second = new PartitionProcessor(definition(), 0);
    for (const [name, store] of first.stores)
      for (const [k, v] of store.entries()) second.store(name).restore(k, v);
    for (const r of records.slice(3)) second.process(r);
    const resumed = second
      .pending()
      .outputs.filter((o) => o.topic === 'health')
      .map((o) => o.value);
    expect(resumed).toEqual(whole.slice(3));
    const last = whole[4]!.baseline.find((d) => d.measure === 'duration_ms');
    expect(last).toMatchObject({ drifting: true, above: true, consecutive_runs: 2, sustained: true });
    expect(second.pending().outputs.some((o) => o.key === 'pipeline_drift')).toBe(true);
  });

  it('dead-letters a run it cannot assess', () => {
    const result = runInMemory(definition(), [runRecord(0, { duration_ms: -5 })]);
    expect(result.rejected).toEqual([
      {
        offset: expect.any(String),
        partition: 0,
        rejection: { code: 'OUT_OF_RANGE', reason: 'duration_ms must be a finite number >= 0' },
      },
    ]);
  });
});
