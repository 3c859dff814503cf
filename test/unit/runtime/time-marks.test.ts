import { describe, expect, it } from 'vitest';
import { countProcessor } from '../../../streams/reference/count-processor.ts';
import { PartitionProcessor } from '../../../streams/runtime/partition-processor.ts';
import { repartitionProcessor } from '../../../streams/runtime/repartition.ts';
import { isTimeMark, type TimeMark, timeMark, watermarkOf } from '../../../streams/runtime/time-marks.ts';
import type { InputRecord, OutputRecord } from '../../../streams/runtime/types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T14:30:00Z');

let offset = 0;
// biome-ignore lint/suspicious/noExplicitAny: one record builder feeds processors of several value types.
const input = (topic: string, partition: number, timestamp: number, value: unknown): InputRecord<any> => ({
  topic,
  partition,
  offset: String(offset++),
  timestamp,
  key: 'k',
  value,
});

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

function rekeyer() {
  const state = new PartitionProcessor(
    repartitionProcessor<{ s: string }, { s: string }>({
      applicationId: 'by-symbol',
      inputTopics: ['bars'],
      outputTopic: 'by-symbol',
      keyOf: (r) => r.value.s,
      wrap: (r) => r.value,
      timeMarks: { bucketOf: dayOf },
    }),
    1,
  );
  state.setPartitionCount('by-symbol', 3);
  return state;
}

const marksIn = (outputs: readonly OutputRecord[]) => outputs.filter((o) => isTimeMark(o.value));

describe('watermarkOf', () => {
  const delivering = (time: number) => ({ time, idle: false });
  const idle = (time: number) => ({ time, idle: true });

  it('is the minimum over the senders still delivering', () => {
    expect(watermarkOf([delivering(5 * DAY), delivering(7 * DAY), delivering(6 * DAY)])).toBe(5 * DAY);
  });

  it('leaves out idle senders, however far behind or ahead they are', () => {
    expect(watermarkOf([idle(1 * DAY), delivering(6 * DAY), delivering(7 * DAY)])).toBe(6 * DAY);
    expect(watermarkOf([idle(9 * DAY), delivering(6 * DAY)])).toBe(6 * DAY);
  });

  it('is the newest time once every sender is idle: everything has been delivered', () => {
    expect(watermarkOf([idle(1 * DAY), idle(7 * DAY)])).toBe(7 * DAY);
    expect(watermarkOf([])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('forwarding time marks from a re-keying step', () => {
  it('sends one mark to every output partition when stream time enters a new day, none within it', () => {
    const state = rekeyer();
    state.process(input('bars', 1, T0, { s: 'AAA' }));
    state.process(input('bars', 1, T0 + HOUR, { s: 'BBB' }));
    state.process(input('bars', 1, T0 + DAY, { s: 'AAA' }));
    const outputs = state.pending().outputs;
    const marks = marksIn(outputs);
    expect(marks.map((m) => [m.partition, m.timestamp])).toEqual([
      [0, T0],
      [1, T0],
      [2, T0],
      [0, T0 + DAY],
      [1, T0 + DAY],
      [2, T0 + DAY],
    ]);
    expect(marks[0]!.value).toEqual(timeMark('by-symbol:bars/1', T0, false));
    // The records themselves are forwarded as ever, each before the mark it caused.
    expect(outputs.filter((o) => !isTimeMark(o.value)).map((o) => o.key)).toEqual(['AAA', 'BBB', 'AAA']);
    expect(isTimeMark(outputs[0]!.value)).toBe(false);
  });

  it('sends nothing for a record behind stream time', () => {
    const state = rekeyer();
    state.process(input('bars', 1, T0 + DAY, { s: 'AAA' }));
    state.commit();
    state.process(input('bars', 1, T0, { s: 'AAA' }));
    expect(marksIn(state.pending().outputs)).toEqual([]);
  });

  it('refuses to guess where marks go when the output partition count is unknown', () => {
    const state = new PartitionProcessor(
      repartitionProcessor<{ s: string }, { s: string }>({
        applicationId: 'by-symbol',
        inputTopics: ['bars'],
        outputTopic: 'by-symbol',
        keyOf: (r) => r.value.s,
        wrap: (r) => r.value,
        timeMarks: { bucketOf: dayOf },
      }),
      0,
    );
    expect(() => state.process(input('bars', 0, T0, { s: 'AAA' }))).toThrow(/partition count/);
  });
});

describe('idle marks: a sender that has delivered everything it holds', () => {
  it('says so once when caught up, and is delivering again with its next record', () => {
    const state = rekeyer();
    state.process(input('bars', 1, T0, { s: 'AAA' }));
    state.caughtUp('bars');
    state.caughtUp('bars');
    state.process(input('bars', 1, T0 + HOUR, { s: 'AAA' }));
    const marks = marksIn(state.pending().outputs).map((m) => [m.partition, (m.value as TimeMark).$mark]);
    const source = 'by-symbol:bars/1';
    expect(marks).toEqual([
      ...[0, 1, 2].map((p) => [p, { source, time: T0, idle: false }]),
      ...[0, 1, 2].map((p) => [p, { source, time: T0, idle: true }]),
      // Same day, but it had said it was idle: it delivers again.
      ...[0, 1, 2].map((p) => [p, { source, time: T0 + HOUR, idle: false }]),
    ]);
  });

  it('forgets an idle mark whose transaction was rolled back', () => {
    const state = rekeyer();
    state.process(input('bars', 1, T0, { s: 'AAA' }));
    state.commit();
    state.caughtUp('bars');
    expect(state.wouldSendIdleMark()).toBe(false);
    state.rollback();
    expect(state.wouldSendIdleMark()).toBe(true);
  });

  it('sends nothing before it has any stream time, nor from a processor that forwards no marks', () => {
    const state = rekeyer();
    state.caughtUp('bars');
    expect(state.pending().outputs).toEqual([]);
  });
});

describe('receiving time marks', () => {
  const windowed = () =>
    new PartitionProcessor(
      countProcessor({
        applicationId: 'count',
        inputTopic: 'in',
        outputTopic: 'out',
        windowMs: DAY,
        graceMs: 0,
      }),
      0,
    );
  const mark = (source: string, time: number, idle = false) =>
    input('in', 0, time, timeMark(source, time, idle));

  it('moves stream time to the minimum of its senders and fires the timers that became due', () => {
    const state = windowed();
    state.process(input('in', 0, T0, { key: 'a' }));
    state.commit();
    state.process(mark('up:bars/0', T0 + 3 * DAY));
    // One sender so far: its mark is the watermark; the window of T0 closed.
    expect(state.streamTime).toBe(T0 + 3 * DAY);
    const fired = state.pending().outputs.filter((o) => (o.value as { kind: string }).kind === 'window');
    expect(fired).toHaveLength(1);
    expect(state.counters.recordsIn).toBe(1);
    expect(state.counters.timeMarks).toBe(1);
  });

  it('never passes a slower sender that is still delivering, however far behind', () => {
    const state = windowed();
    state.process(mark('up:bars/0', T0 + DAY));
    state.process(mark('up:bars/1', T0 + 20 * DAY));
    expect(state.streamTime).toBe(T0 + DAY);
    // The slow one catches up and says it is idle: the other decides alone.
    state.process(mark('up:bars/0', T0 + 2 * DAY, true));
    expect(state.streamTime).toBe(T0 + 20 * DAY);
  });

  it('a delisted symbol alone in its partition: its sender idles, the others carry time on', () => {
    const state = windowed();
    state.process(mark('up:bars/1', T0 + 20 * DAY, true));
    state.process(mark('up:bars/0', T0 + 30 * DAY));
    state.process(mark('up:bars/0', T0 + 45 * DAY));
    expect(state.streamTime).toBe(T0 + 45 * DAY);
  });

  it('does not move stream time backwards, and keeps each sender in the changelogged meta store', () => {
    const state = windowed();
    state.process(input('in', 0, T0 + 5 * DAY, { key: 'a' }));
    state.process(mark('up:bars/0', T0 + DAY));
    expect(state.streamTime).toBe(T0 + 5 * DAY);
    const meta = state.pending().changes.get('__meta') ?? [];
    expect(meta).toContainEqual(['mark:up:bars/0', { time: T0 + DAY, idle: false }]);
  });

  it('never hands a mark to the processor', () => {
    const state = windowed();
    state.process(mark('up:bars/0', T0));
    expect(state.store('counts').size).toBe(0);
    expect(state.pending().outputs).toEqual([]);
  });
});
