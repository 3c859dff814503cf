import { describe, expect, it } from 'vitest';
import { countProcessor } from '../../../streams/reference/count-processor.ts';
import { PartitionProcessor } from '../../../streams/runtime/partition-processor.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import type { InputRecord } from '../../../streams/runtime/types.ts';

const definition = (policy: 'process' | 'dead-letter' = 'dead-letter') =>
  countProcessor({
    applicationId: 'count-test',
    inputTopic: 'in',
    outputTopic: 'out',
    windowMs: 1000,
    graceMs: 500,
    lateRecordPolicy: policy,
  });

let offset = 0;
const rec = (key: string | null, timestamp: number, partition = 0): InputRecord<unknown> => ({
  topic: 'in',
  partition,
  offset: String(offset++),
  timestamp,
  key,
  value: {},
});

const values = (result: ReturnType<typeof runInMemory>, partition = 0) =>
  (result.outputs.get(partition) ?? []).map((o) => o.value);

describe('PartitionProcessor with the reference count processor', () => {
  it('counts per key and tracks stream time as the largest timestamp seen', () => {
    const state = new PartitionProcessor(definition(), 0);
    state.process(rec('a', 100));
    state.process(rec('a', 50));
    state.process(rec('b', 120));
    expect(state.streamTime).toBe(120);
    expect(state.store('counts').get('a')).toBe(2);
    expect(state.pending().outputs.map((o) => o.value)).toMatchObject([
      { kind: 'count', key: 'a', count: 1 },
      { kind: 'count', key: 'a', count: 2 },
      { kind: 'count', key: 'b', count: 1 },
    ]);
  });

  it('fires a window timer only when stream time passes window end plus grace, in time order', () => {
    const result = runInMemory(definition(), [rec('a', 100), rec('b', 900), rec('a', 1499), rec('c', 1500)]);
    const windows = values(result).filter((v) => (v as { kind: string }).kind === 'window');
    // Window [0,1000) of a and b closes at 1500: the record at 1499 is still inside grace and does not close it.
    expect(windows).toEqual([
      { kind: 'window', key: 'a', windowStart: 0, count: 1 },
      { kind: 'window', key: 'b', windowStart: 0, count: 1 },
    ]);
  });

  it('a record inside the grace period still changes the window result', () => {
    const onTime = runInMemory(definition(), [rec('a', 100), rec('a', 1200), rec('z', 5000)]);
    const withLate = runInMemory(definition(), [
      rec('a', 100),
      rec('a', 1200),
      rec('a', 900),
      rec('z', 5000),
    ]);
    const firstWindow = (r: ReturnType<typeof runInMemory>) =>
      values(r).find((v) => (v as { kind: string; windowStart?: number }).kind === 'window') as {
        count: number;
      };
    expect(firstWindow(onTime).count).toBe(1);
    expect(firstWindow(withLate).count).toBe(2);
  });

  it('a record beyond the grace period is dead-lettered under that policy, and counted', () => {
    const state = new PartitionProcessor(definition('dead-letter'), 0);
    state.process(rec('a', 2000));
    state.process(rec('a', 1000));
    expect(state.counters.lateRecords).toBe(1);
    expect(state.pending().rejected.map((r) => r.rejection.code)).toEqual(['LATE_RECORD']);
    expect(state.store('counts').get('a')).toBe(1);
  });

  it('a record beyond the grace period is processed under the process policy, and counted', () => {
    const state = new PartitionProcessor(definition('process'), 0);
    state.process(rec('a', 2000));
    state.process(rec('a', 1000));
    expect(state.counters.lateRecords).toBe(1);
    expect(state.pending().rejected).toEqual([]);
    expect(state.store('counts').get('a')).toBe(2);
  });

  it('rollback forgets outputs, rejections, state and stream time since the last commit', () => {
    const state = new PartitionProcessor(definition(), 0);
    state.process(rec('a', 100));
    state.commit();
    state.process(rec('a', 5000));
    state.process(rec(null, 5001));
    state.rollback();
    expect(state.streamTime).toBe(100);
    expect(state.store('counts').get('a')).toBe(1);
    expect(state.pending()).toEqual({ outputs: [], rejected: [], changes: new Map() });
  });

  it('partitions are independent: each has its own stream time and state', () => {
    const result = runInMemory(definition(), [rec('a', 100, 0), rec('a', 100, 1), rec('a', 3000, 1)]);
    expect(values(result, 0)).toHaveLength(1);
    expect(values(result, 1)).toMatchObject([
      { kind: 'count', count: 1 },
      { kind: 'count', count: 2 },
      { kind: 'window', windowStart: 0, count: 1 },
    ]);
  });
});
