import { describe, expect, it } from 'vitest';
import type { LearningCycle } from '../../../schemas/types.generated.ts';
import { coordinatorProcessor } from '../../../streams/learning/coordinator-processor.ts';
import { createLearningConfig, type LearningConfig } from '../../../streams/learning/domain/index.ts';
import type { CoordinatorEnvelope } from '../../../streams/learning/envelope.ts';
import { PartitionProcessor } from '../../../streams/runtime/partition-processor.ts';
import type { OutputRecord } from '../../../streams/runtime/types.ts';
import { on, record, TOPICS, tick } from './support/coordinator-feed.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const ticks = (from: string, to: string) =>
  Array.from({ length: (at(to) - at(from)) / (6 * HOUR) + 1 }, (_, i) => tick(at(from) + i * 6 * HOUR));

const coordinator = (config: LearningConfig) =>
  coordinatorProcessor({ applicationId: 'coordinator-schedule-change', ...TOPICS, config });

/** Feeds records one transaction each, as the runtime does, and keeps what was committed. */
function feed(processor: PartitionProcessor<CoordinatorEnvelope>, envelopes: readonly CoordinatorEnvelope[]) {
  const outputs: OutputRecord[] = [];
  for (const envelope of envelopes) {
    processor.process(record(envelope));
    outputs.push(...processor.pending().outputs);
    processor.commit();
  }
  return on(outputs, TOPICS.cycles).map((o) => o.value as LearningCycle);
}

/** A restart under other settings: the same state, restored store by store, as from the changelogs. */
function restartedWith(before: PartitionProcessor<CoordinatorEnvelope>, config: LearningConfig) {
  const after = new PartitionProcessor(coordinator(config), before.partition);
  for (const [name, store] of before.stores)
    for (const [key, value] of store.entries()) after.store(name).restore(key, value);
  return after;
}

describe('a schedule changed on existing state', () => {
  const mondaySeven = createLearningConfig();

  it('fires the cycle already due at its old time, then follows the new one, never one id twice', () => {
    const first = new PartitionProcessor(coordinator(mondaySeven), 0);
    const before = feed(first, ticks('2026-03-04T00:00:00Z', '2026-03-10T00:00:00Z'));
    expect(before.map((c) => c.cycle_id)).toEqual(['weekly-2026-03-09']);

    // Monday 09:00 New York (13:00 UTC in EDT): the cycle of the 16th at 07:00 is already scheduled.
    const mondayNine = createLearningConfig({ schedule: { hour: 9 } });
    const after = feed(
      restartedWith(first, mondayNine),
      ticks('2026-03-10T06:00:00Z', '2026-03-25T00:00:00Z'),
    );
    expect(after.map((c) => [c.cycle_id, c.window_end])).toEqual([
      ['weekly-2026-03-16', at('2026-03-16T11:00:00Z')],
      ['weekly-2026-03-23', at('2026-03-23T13:00:00Z')],
    ]);
  });

  it('moved to another weekday, runs on the new one from the cycle already due on', () => {
    const first = new PartitionProcessor(coordinator(mondaySeven), 0);
    feed(first, ticks('2026-03-04T00:00:00Z', '2026-03-10T00:00:00Z'));
    const tuesday = createLearningConfig({ schedule: { weekday: 2 } });
    const after = feed(restartedWith(first, tuesday), ticks('2026-03-10T06:00:00Z', '2026-03-25T00:00:00Z'));
    expect(after.map((c) => c.cycle_id)).toEqual([
      'weekly-2026-03-16',
      'weekly-2026-03-17',
      'weekly-2026-03-24',
    ]);
  });
});
