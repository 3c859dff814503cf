import { describe, expect, it } from 'vitest';
import {
  type BaselineState,
  compareWithBaseline,
  createMonitorConfig,
  EMPTY_BASELINE,
  MAD_TO_SIGMA,
  median,
  medianAbsoluteDeviation,
  robustScale,
} from '../../../streams/monitor/domain/index.ts';
import { T0 } from './support.ts';

const settings = createMonitorConfig({
  baseline: { windowRuns: 5, warmUpRuns: 3, sustainedRuns: 2 },
}).baseline;
const HOUR = 3_600_000;

/** Feeds durations in as runs an hour apart; returns each run's deviation of duration_ms and the last state. */
function feed(durations: readonly number[], start: BaselineState = EMPTY_BASELINE, first = 0) {
  let state = start;
  const deviations = durations.map((duration, i) => {
    const index = first + i;
    const result = compareWithBaseline(
      { run_id: `r${index}`, finished_at: T0 + index * HOUR },
      { duration_ms: duration },
      state,
      settings,
    );
    state = result.baseline;
    return result.deviations[0]!;
  });
  return { deviations, state };
}

describe('median and MAD', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([8_000, 8_200, 7_800, 9_300])).toBe(8_100);
    expect(() => median([])).toThrow(RangeError);
  });

  it('takes the median of absolute deviations', () => {
    // |x − 8,000| = 0, 200, 200
    expect(medianAbsoluteDeviation([8_000, 8_200, 7_800], 8_000)).toBe(200);
  });

  it('floors the scale at a share of the median and an absolute amount', () => {
    expect(robustScale(8_000, 200, settings)).toBe(400); // 5% of 8,000 beats 1.4826 × 200
    expect(robustScale(8_000, 1_000, settings)).toBeCloseTo(MAD_TO_SIGMA * 1_000, 9);
    expect(robustScale(0, 0, settings)).toBe(0.01);
  });
});

describe('the rolling baseline of a measure', () => {
  it('warms up: no deviation until three runs are in the baseline', () => {
    const { deviations } = feed([8_000, 8_200, 7_800]);
    expect(deviations.map((d) => [d.samples, d.median, d.deviation])).toEqual([
      [0, null, null],
      [1, 8_000, null],
      [2, 8_100, null],
    ]);
    expect(deviations.every((d) => d.direction === null && !d.sustained)).toBe(true);
  });

  it('judges the fourth run: 9,000 is 2.5 deviations above (median 8,000, scale 400), not a drift', () => {
    const { deviations } = feed([8_000, 8_200, 7_800, 9_000]);
    expect(deviations[3]).toEqual({
      measure: 'duration_ms',
      value: 9_000,
      samples: 3,
      median: 8_000,
      mad: 200,
      deviation: 2.5,
      direction: null,
      consecutive: 0,
      sustained: false,
    });
  });

  it('flags a drift at 3.25 deviations, and a sustained one on the second drifting run in a row', () => {
    const { deviations } = feed([8_000, 8_200, 7_800, 9_300, 9_400]);
    expect(deviations[3]).toMatchObject({
      deviation: 3.25,
      direction: 'above',
      consecutive: 1,
      sustained: false,
    });
    // Baseline 8,000 8,200 7,800 9,300: median 8,100; deviations 100 100 300 1,200, MAD 200;
    // scale max(296.52, 405) = 405; (9,400 − 8,100) / 405 = 3.2099.
    expect(deviations[4]?.median).toBe(8_100);
    expect(deviations[4]?.mad).toBe(200);
    expect(deviations[4]?.deviation).toBeCloseTo(1_300 / 405, 12);
    expect(deviations[4]).toMatchObject({ direction: 'above', consecutive: 2, sustained: true });
  });

  it('breaks the chain when a run drifts the other way or not at all', () => {
    const { deviations } = feed([8_000, 8_000, 8_000, 9_300, 6_500, 9_300]);
    // Scale 400 on a flat 8,000: +3.25, then −3.75, then above again with the median still 8,000.
    expect(deviations.slice(3).map((d) => [d.direction, d.consecutive, d.sustained])).toEqual([
      ['above', 1, false],
      ['below', 1, false],
      ['above', 1, false],
    ]);
  });

  it('keeps only the last five runs', () => {
    const { state } = feed([1, 2, 3, 4, 5, 6, 7]);
    expect(state.samples.map((s) => s.run_id)).toEqual(['r2', 'r3', 'r4', 'r5', 'r6']);
  });

  it('places a late run by its event time: its baseline is the runs before it, and today’s is undisturbed', () => {
    const { state } = feed([8_000, 8_200, 7_800, 8_100], EMPTY_BASELINE, 10);
    const late = compareWithBaseline(
      { run_id: 'r-old', finished_at: T0 + 9 * HOUR }, // before all four
      { duration_ms: 20_000 },
      state,
      settings,
    );
    expect(late.deviations[0]).toMatchObject({ samples: 0, deviation: null });
    // The window keeps the latest five: the late run is the oldest of them.
    expect(late.baseline.samples.map((s) => s.run_id)).toEqual(['r-old', 'r10', 'r11', 'r12', 'r13']);
    const next = compareWithBaseline(
      { run_id: 'r14', finished_at: T0 + 14 * HOUR },
      { duration_ms: 8_000 },
      late.baseline,
      settings,
    );
    // The late run is in the window now, but one outlier does not move a median of five.
    expect(next.deviations[0]).toMatchObject({ samples: 5, median: 8_100 });
  });

  it('counts a replayed run once', () => {
    const { state } = feed([8_000, 8_200]);
    const again = compareWithBaseline(
      { run_id: 'r1', finished_at: T0 + HOUR },
      { duration_ms: 8_200 },
      state,
      settings,
    );
    expect(again.deviations[0]?.samples).toBe(1);
    expect(again.baseline.samples.map((s) => s.run_id)).toEqual(['r0', 'r1']);
  });
});
