import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessRun,
  type BaselineState,
  createMonitorConfig,
  EMPTY_BASELINE,
  type MonitoredRun,
  scoreRun,
} from '../../../streams/monitor/domain/index.ts';
import { T0 } from './support.ts';

const config = createMonitorConfig({ baseline: { windowRuns: 6, warmUpRuns: 3, sustainedRuns: 2 } });

const stageArb = fc.record({
  name: fc.constantFrom(
    'universe_loading',
    'price_filtering',
    'volume_filtering',
    'squeeze_detection',
    'other',
  ),
  duration_ms: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: null }),
  symbols_in: fc.integer({ min: 0, max: 20_000 }),
  symbols_out: fc.integer({ min: 0, max: 20_000 }),
  rejections: fc.dictionary(
    fc.constantFrom('low_price', 'thin_volume', 'halted'),
    fc.integer({ min: 0, max: 5_000 }),
  ),
});

const runArb = (index: number) =>
  fc
    .record({
      duration_ms: fc.integer({ min: 0, max: 200_000 }),
      candidate_count: fc.integer({ min: 0, max: 60 }),
      relaxed: fc.boolean(),
      stages: fc.array(stageArb, { maxLength: 6 }),
      finished_at: fc.integer({ min: T0, max: T0 + 1_000_000_000 }),
    })
    .map(
      (r): MonitoredRun => ({
        ...r,
        run_id: `run-${index}-${r.finished_at}`,
        started_at: r.finished_at - r.duration_ms,
      }),
    );

const runsArb = fc
  .array(fc.nat({ max: 1_000 }), { minLength: 1, maxLength: 15 })
  .chain((ids) => fc.tuple(...ids.map((_, i) => runArb(i))));

describe('monitor properties', () => {
  it('health and every component score lie in [0, 1]; stage efficiency is present exactly when a stage has a rate', () => {
    fc.assert(
      fc.property(runArb(0), (run) => {
        const score = scoreRun(run, config);
        expect(score.health_score).toBeGreaterThanOrEqual(0);
        expect(score.health_score).toBeLessThanOrEqual(1);
        for (const c of score.components) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(1);
        }
        const judged = run.stages.some((s) => s.duration_ms !== null && s.symbols_in > 0);
        expect(score.components.some((c) => c.name === 'stage_efficiency')).toBe(judged);
        const mean = score.components.reduce((sum, c) => sum + c.score, 0) / score.components.length;
        expect(score.health_score).toBeCloseTo(mean, 12);
      }),
      { numRuns: 300 },
    );
  });

  it('the baseline never outgrows its window, and no deviation is judged before warm-up', () => {
    fc.assert(
      fc.property(runsArb, (runs) => {
        let baseline: BaselineState = EMPTY_BASELINE;
        for (const run of runs) {
          const result = assessRun(run, baseline, config);
          baseline = result.baseline;
          expect(baseline.samples.length).toBeLessThanOrEqual(config.baseline.windowRuns);
          for (const d of result.assessment.deviations) {
            expect(d.samples).toBeLessThanOrEqual(config.baseline.windowRuns);
            if (d.samples < config.baseline.warmUpRuns) expect(d.deviation).toBeNull();
            if (d.sustained) expect(d.consecutive).toBeGreaterThanOrEqual(config.baseline.sustainedRuns);
          }
          const order = baseline.samples.map((s) => s.finished_at);
          expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the health record does not depend on the baseline; only deviations do', () => {
    fc.assert(
      fc.property(runsArb, (runs) => {
        let baseline: BaselineState = EMPTY_BASELINE;
        for (const run of runs) {
          const result = assessRun(run, baseline, config);
          const fresh = assessRun(run, EMPTY_BASELINE, config).assessment;
          expect(result.assessment.health_score).toBe(fresh.health_score);
          expect(result.assessment.components).toEqual(fresh.components);
          baseline = result.baseline;
        }
      }),
      { numRuns: 100 },
    );
  });
});
