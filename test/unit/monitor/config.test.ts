import { describe, expect, it } from 'vitest';
import {
  createMonitorConfig,
  DEFAULT_MONITOR_CONFIG,
  MonitorConfigError,
} from '../../../streams/monitor/domain/index.ts';

function configError(input: unknown): MonitorConfigError {
  try {
    createMonitorConfig(input);
  } catch (error) {
    if (error instanceof MonitorConfigError) return error;
    throw error;
  }
  throw new Error('expected a MonitorConfigError');
}

describe('monitor config', () => {
  it('defaults to the design’s numbers', () => {
    const config = createMonitorConfig();
    expect(config).toEqual(DEFAULT_MONITOR_CONFIG);
    expect(config.processingTime).toEqual({ baselineMs: 8_000, maxMs: 15_000 });
    expect(config.candidates).toEqual({ min: 5, target: 12 });
    expect(config.stages.expectedPerSecond).toEqual({
      universe_loading: 10_000,
      price_filtering: 5_000,
      volume_filtering: 1_000,
      squeeze_detection: 100,
      final_ranking: 1_000,
    });
    expect(config.stages.defaultPerSecond).toBe(1_000);
  });

  it('overlays partial overrides, adds stages, and freezes the result', () => {
    const config = createMonitorConfig({
      processingTime: { maxMs: 20_000 },
      stages: { expectedPerSecond: { enrichment: 50 } },
    });
    expect(config.processingTime).toEqual({ baselineMs: 8_000, maxMs: 20_000 });
    expect(config.stages.expectedPerSecond.enrichment).toBe(50);
    expect(config.stages.expectedPerSecond.universe_loading).toBe(10_000);
    expect(Object.isFrozen(config.stages.expectedPerSecond)).toBe(true);
    expect(() => {
      (config.baseline as { windowRuns: number }).windowRuns = 1;
    }).toThrow(TypeError);
  });

  it.each([
    [{ processingTime: { maxMs: 8_000 } }, 'processingTime.maxMs', '> 8000'],
    [{ processingTime: { baselineMs: 'fast' } }, 'processingTime.baselineMs', 'a finite number'],
    [{ candidates: { min: 2.5 } }, 'candidates.min', 'an integer'],
    [{ candidates: { min: 10, target: 8 } }, 'candidates.target', '>= 10'],
    [{ stages: { expectedPerSecond: { x: 0 } } }, 'stages.expectedPerSecond.x', '> 0'],
    [{ stages: { adviseBelowEfficiency: 2 } }, 'stages.adviseBelowEfficiency', '<= 1'],
    [{ baseline: { warmUpRuns: 30 } }, 'baseline.warmUpRuns', '<= 20'],
    [{ baseline: { driftDeviation: 0 } }, 'baseline.driftDeviation', '> 0'],
    [{ baseline: { halfLife: 3 } }, 'baseline.halfLife', 'windowRuns'],
    [{ thresholds: {} }, 'monitor.thresholds', 'processingTime'],
    [null, 'monitor', 'an object'],
  ])('rejects %o naming %s', (input, key, allowed) => {
    const error = configError(input);
    expect(error.key).toBe(key);
    expect(error.allowed).toContain(allowed);
    expect(error.retriable).toBe(false);
    expect(error.message).toContain(key);
  });
});
