/**
 * What the learning coordinator decided, as the sink stores it, with the
 * answers written out by hand for the API tests: a weekly cycle stored
 * RUNNING then COMPLETED, an on-demand cycle with the tracker switched off,
 * and a parameter approved, then rolled back, beside a discovery run whose
 * parameters hold the others' values.
 */
import type { DiscoveryRun, LearningCycle, ParameterValue } from '../../schemas/types.generated.ts';
import type { ClickhouseTarget } from '../../sinks/clickhouse/client.ts';
import { cycleRow } from '../../sinks/mapping/cycle-rows.ts';
import { runRow } from '../../sinks/mapping/discovery-rows.ts';
import { parameterRow } from '../../sinks/mapping/parameter-rows.ts';
import { TABLES } from '../../sinks/schema/names.ts';
import { createClickhouseWriter } from '../../sinks/writer/clickhouse-writer.ts';
import { SAMPLES } from '../fixtures/avro/samples.ts';

export const WEEKLY: LearningCycle = {
  ...SAMPLES['amc.learning.cycles.v1'],
  cycle_id: 'weekly-2026-04-27',
  window_start: Date.UTC(2026, 0, 26, 12),
  window_end: Date.UTC(2026, 3, 27, 11),
  started_at: Date.UTC(2026, 3, 27, 12),
  completed_at: Date.UTC(2026, 3, 27, 12, 0, 4),
};

/** Later than the weekly one, with the tracker switched off. */
export const ON_DEMAND: LearningCycle = {
  ...SAMPLES['amc.learning.cycles.v1'],
  cycle_id: 'on-demand-cmd-1',
  trigger: 'ON_DEMAND',
  window_start: Date.UTC(2026, 0, 28),
  window_end: Date.UTC(2026, 3, 29),
  started_at: Date.UTC(2026, 3, 29),
  completed_at: Date.UTC(2026, 3, 29, 0, 0, 2),
  tracker: null,
  proposals: [],
  insights: [],
};

const change = (fields: Partial<ParameterValue>): ParameterValue => ({
  ...SAMPLES['amc.learning.parameters.v1'],
  ...fields,
});

export const APPROVED = change({
  value: 65,
  previous_value: 60,
  cycle_id: WEEKLY.cycle_id,
  proposal_id: `${WEEKLY.cycle_id}:composite_score_threshold`,
  applied_at: Date.UTC(2026, 3, 27, 14),
  applied_by: 'ops',
  reason: 'keeps 9 of 12 settled picks; better in 97.0% of 1000 resamples',
});

export const ROLLED_BACK = change({
  value: 60,
  previous_value: 65,
  cycle_id: null,
  proposal_id: null,
  source: 'MANUAL',
  confidence: null,
  applied_at: Date.UTC(2026, 3, 28, 9),
  applied_by: 'ops',
  reason: 'rollback of the change of 2026-04-27T14:00:00.000Z',
});

export const LATEST_RUN: DiscoveryRun = {
  ...SAMPLES['amc.discovery.runs.v1'],
  run_id: 'run-latest',
  started_at: Date.UTC(2026, 3, 29, 20, 59, 50),
  finished_at: Date.UTC(2026, 3, 29, 21),
  parameters: { vigl_score_threshold: 0.5, min_volume_spike: 2.5 },
};

const OLDER_RUN: DiscoveryRun = {
  ...LATEST_RUN,
  run_id: 'run-older',
  finished_at: Date.UTC(2026, 3, 28, 21),
  parameters: { vigl_score_threshold: 0.3, volume_spike_min: 2 },
};

export async function insertLearningRows(target: ClickhouseTarget): Promise<void> {
  const writer = createClickhouseWriter(target);
  let offset = 0;
  const source = () => ({ partition: 0, offset: String(offset++) });
  try {
    await writer.insert(TABLES.learningCycles, [
      cycleRow({ ...WEEKLY, status: 'RUNNING', completed_at: null, tracker: null, proposals: [] }, source()),
      cycleRow(WEEKLY, source()),
      cycleRow(ON_DEMAND, source()),
    ]);
    // The rollback is stored before the approval it undoes: the order of rows is not the order of changes.
    await writer.insert(TABLES.parameterChanges, [parameterRow(ROLLED_BACK, source())]);
    await writer.insert(TABLES.parameterChanges, [parameterRow(APPROVED, source())]);
    await writer.insert(TABLES.discoveryRuns, [runRow(OLDER_RUN, source()), runRow(LATEST_RUN, source())]);
  } finally {
    await writer.close();
  }
}
