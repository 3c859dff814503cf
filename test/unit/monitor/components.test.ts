import { describe, expect, it } from 'vitest';
import {
  candidateCountComponent,
  DEFAULT_MONITOR_CONFIG as config,
  processingTimeComponent,
  stageEfficiencyComponent,
  stageThroughput,
} from '../../../streams/monitor/domain/index.ts';
import { stage } from './support.ts';

describe('processing time component (baseline 8,000 ms, max 15,000 ms)', () => {
  it.each([
    [6_000, 1],
    [8_000, 1],
    [9_750, 0.75], // (15,000 − 9,750) / 7,000
    [11_500, 0.5],
    [15_000, 0],
    [40_000, 0],
  ])('%d ms scores %d', (duration, score) => {
    const component = processingTimeComponent(duration, config.processingTime);
    expect(component.score).toBeCloseTo(score, 12);
    expect(component).toMatchObject({ name: 'processing_time', value: duration, target: 8_000 });
  });

  it('says what it measured against', () => {
    expect(processingTimeComponent(9_750, config.processingTime).detail).toBe(
      '9,750 ms against a baseline of 8,000 ms and a maximum of 15,000 ms',
    );
  });
});

describe('candidate count component (min 5, target 12)', () => {
  it.each([
    [0, 0],
    [3, 0.25],
    [6, 0.5],
    [12, 1],
    [30, 1],
  ])('%d candidates score %d', (count, score) => {
    expect(candidateCountComponent(count, config.candidates)).toMatchObject({
      name: 'candidate_count',
      score,
      value: count,
      target: 12,
    });
  });
});

describe('stage throughput against the expected rates', () => {
  it('volume_filtering at 2,400 symbols in 10 s is 240/s, a quarter of 1,000 (0.24)', () => {
    expect(stageThroughput(stage('volume_filtering', 2_400, 10_000), config.stages)).toEqual({
      name: 'volume_filtering',
      symbols_in: 2_400,
      symbols_out: 2_400,
      duration_ms: 10_000,
      symbols_per_second: 240,
      expected_per_second: 1_000,
      efficiency: 0.24,
    });
  });

  it.each([
    ['universe_loading', 20_000, 1_000, 20_000, 10_000, 1], // faster than expected: capped at 1
    ['price_filtering', 5_000, 2_000, 2_500, 5_000, 0.5],
    ['squeeze_detection', 50, 1_000, 50, 100, 0.5],
    ['final_ranking', 100, 200, 500, 1_000, 0.5],
    ['enrichment', 300, 1_000, 300, 1_000, 0.3], // not configured: the default 1,000/s
  ])(
    '%s: %d symbols in %d ms → %d/s of %d expected, efficiency %d',
    (name, symbolsIn, ms, rate, expected, eff) => {
      const throughput = stageThroughput(stage(name, symbolsIn, ms), config.stages);
      expect(throughput.symbols_per_second).toBeCloseTo(rate, 9);
      expect(throughput.expected_per_second).toBe(expected);
      expect(throughput.efficiency).toBeCloseTo(eff, 12);
    },
  );

  it('has no rate without a timing, or without symbols to process', () => {
    for (const s of [stage('price_filtering', 5_000, null), stage('price_filtering', 0, 1_000)]) {
      const throughput = stageThroughput(s, config.stages);
      expect(throughput.symbols_per_second).toBeNull();
      expect(throughput.efficiency).toBeNull();
    }
  });

  it('counts a stage timed at 0 ms as faster than measurable: efficiency 1, no rate', () => {
    const throughput = stageThroughput(stage('final_ranking', 40, 0), config.stages);
    expect(throughput.symbols_per_second).toBeNull();
    expect(throughput.efficiency).toBe(1);
  });
});

describe('stage efficiency component', () => {
  it('is the mean over the timed stages only', () => {
    const stages = [
      stageThroughput(stage('volume_filtering', 2_400, 10_000), config.stages), // 0.24
      stageThroughput(stage('squeeze_detection', 50, 1_000), config.stages), // 0.5
      stageThroughput(stage('universe_loading', 20_000, 1_000), config.stages), // 1
      stageThroughput(stage('price_filtering', 5_000, null), config.stages), // untimed: left out
    ];
    const component = stageEfficiencyComponent(stages);
    expect(component?.score).toBeCloseTo((0.24 + 0.5 + 1) / 3, 12);
    expect(component?.detail).toBe(
      'mean efficiency of 3 timed stage(s): volume_filtering 0.24, squeeze_detection 0.5, universe_loading 1',
    );
  });

  it('is absent, not zero, when no stage was timed', () => {
    const untimed = [stageThroughput(stage('price_filtering', 5_000, null), config.stages)];
    expect(stageEfficiencyComponent(untimed)).toBeNull();
    expect(stageEfficiencyComponent([])).toBeNull();
  });
});
