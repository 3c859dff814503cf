import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MONITOR_CONFIG as config,
  runProblem,
  scoreRun,
} from '../../../streams/monitor/domain/index.ts';
import { run, stage } from './support.ts';

describe('the static health of a run', () => {
  it('scores a run with no stage timings on the two components it has data for', () => {
    const score = scoreRun(run({ duration_ms: 11_500, candidate_count: 6 }), config);
    expect(score.components.map((c) => [c.name, c.score])).toEqual([
      ['processing_time', 0.5],
      ['candidate_count', 0.5],
    ]);
    expect(score.health_score).toBe(0.5);
    expect(score.healthy).toBe(true);
    expect(score.breaches).toEqual([]);
  });

  it('averages all three components when stages are timed', () => {
    const score = scoreRun(
      run({
        duration_ms: 9_750, // 0.75
        candidate_count: 3, // 0.25
        stages: [stage('volume_filtering', 2_400, 10_000), stage('squeeze_detection', 50, 1_000)], // (0.24 + 0.5) / 2
      }),
      config,
    );
    expect(score.components.map((c) => c.name)).toEqual([
      'processing_time',
      'candidate_count',
      'stage_efficiency',
    ]);
    expect(score.health_score).toBeCloseTo((0.75 + 0.25 + 0.37) / 3, 12);
  });

  it('breaches the maximum duration and the minimum candidates, in plain words', () => {
    const score = scoreRun(run({ duration_ms: 21_000, candidate_count: 2 }), config);
    expect(score.healthy).toBe(false);
    expect(score.breaches).toEqual([
      { code: 'duration_over_max', text: 'duration of 21,000 ms, over the 15,000 ms maximum' },
      { code: 'candidates_below_min', text: '2 candidates, below the minimum of 5' },
    ]);
    // 0 for time, 2/12 for candidates.
    expect(score.health_score).toBeCloseTo((0 + 2 / 12) / 2, 12);
  });

  it('does not breach exactly at the limits', () => {
    const score = scoreRun(run({ duration_ms: 15_000, candidate_count: 5 }), config);
    expect(score.breaches).toEqual([]);
    expect(score.components[0]?.score).toBe(0);
  });

  it('names a relaxed run in its candidate breach', () => {
    const score = scoreRun(run({ candidate_count: 1, relaxed: true }), config);
    expect(score.breaches[0]?.text).toBe('1 candidate, below the minimum of 5, even with relaxed thresholds');
  });
});

describe('runs that cannot be assessed', () => {
  it.each([
    [{ run_id: ' ' }, 'empty run_id'],
    [{ finished_at: Number.NaN }, 'finished_at is not finite'],
    [{ duration_ms: -1 }, 'duration_ms must be a finite number >= 0'],
    [{ stages: [stage('x', -3, 10)] }, 'stage x: counts and timing must be >= 0'],
  ])('%o: %s', (overrides, problem) => {
    expect(runProblem(run(overrides))).toBe(problem);
  });

  it('accepts a well-formed run', () => {
    expect(runProblem(run())).toBeNull();
  });
});
