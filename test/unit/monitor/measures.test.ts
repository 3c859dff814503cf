import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MONITOR_CONFIG as config,
  measuresOf,
  scoreRun,
} from '../../../streams/monitor/domain/index.ts';
import { run, stage } from './support.ts';

function measures(r: ReturnType<typeof run>, known: readonly string[] = []) {
  return measuresOf(r, scoreRun(r, config).stages, new Set(known));
}

describe('the measures the baseline follows', () => {
  it('takes duration, candidates, each timed stage’s rate and each stage’s rejection mix', () => {
    const r = run({
      duration_ms: 9_000,
      candidate_count: 7,
      stages: [
        stage('price_filtering', 5_000, 2_000, {
          symbols_out: 1_000,
          rejections: { too_high: 3_000, too_low: 1_000 },
        }),
        stage('final_ranking', 40, null),
      ],
    });
    expect(measures(r)).toEqual({
      duration_ms: 9_000,
      candidate_count: 7,
      'stage_rate:price_filtering': 2_500,
      'rejection_share:price_filtering:too_high': 0.75,
      'rejection_share:price_filtering:too_low': 0.25,
    });
  });

  it('counts a rejection reason the baseline knows but this run lacks as a share of 0', () => {
    const r = run({ stages: [stage('volume_filtering', 100, null, { rejections: { thin: 10 } })] });
    const known = [
      'rejection_share:volume_filtering:thin',
      'rejection_share:volume_filtering:halted',
      'rejection_share:other:x',
    ];
    expect(measures(r, known)).toEqual({
      duration_ms: 8_000,
      candidate_count: 12,
      'rejection_share:volume_filtering:thin': 1,
      'rejection_share:volume_filtering:halted': 0,
    });
  });

  it('keeps a stage name that appears twice apart', () => {
    const r = run({ stages: [stage('filter', 1_000, 1_000), stage('filter', 500, 1_000)] });
    expect(measures(r)).toMatchObject({ 'stage_rate:filter': 1_000, 'stage_rate:filter#2': 500 });
  });
});
