import { describe, expect, it } from 'vitest';
import {
  createDipsConfig,
  DEFAULT_DIPS_CONFIG,
  DipsConfigError,
} from '../../../streams/dips/domain/index.ts';

function configError(input: unknown): DipsConfigError {
  try {
    createDipsConfig(input);
  } catch (error) {
    if (error instanceof DipsConfigError) return error;
    throw error;
  }
  throw new Error('expected a DipsConfigError');
}

describe('dips config', () => {
  it('defaults to the design’s numbers', () => {
    const config = createDipsConfig();
    expect(config).toEqual(DEFAULT_DIPS_CONFIG);
    expect(config.considerBelowReturnPct).toBe(-10);
    expect(config.thesis.start).toBe(0.5);
    expect([config.thesis.volume.confirmedDelta, config.thesis.volume.weakeningDelta]).toEqual([0.2, -0.1]);
    expect([config.thesis.catalyst.windowDays, config.thesis.catalyst.delta]).toEqual([30, 0.1]);
    expect(config.thesis.drawdown).toEqual({ limitPct: -20, containedDelta: 0.1, deepDelta: -0.2 });
    expect(config.grades).toEqual({ strong: 0.8, moderate: 0.6 });
    expect(config.buyMoreTiers).toEqual([
      { minStrength: 0.8, maxReturnPct: -15, addPctOfEquity: 20 },
      { minStrength: 0.7, maxReturnPct: -10, addPctOfEquity: 15 },
    ]);
    expect(config.positionCapPct).toBe(25);
    expect(config.plan).toEqual({ entryRangePct: 2, stopLossFactor: 0.85, takeProfitFactors: [1.1, 1.25] });
    expect(config.followUp.horizonSessions).toBe(30);
  });

  it('overlays partial overrides and freezes the result', () => {
    const config = createDipsConfig({
      thesis: { volume: { lookbackSessions: 10, minSessions: 3 } },
      positionCapPct: 30,
    });
    expect(config.thesis.volume.lookbackSessions).toBe(10);
    expect(config.thesis.volume.keywords).toEqual(DEFAULT_DIPS_CONFIG.thesis.volume.keywords);
    expect(config.positionCapPct).toBe(30);
    expect(Object.isFrozen(config.buyMoreTiers[0])).toBe(true);
    expect(() => {
      (config.plan as { entryRangePct: number }).entryRangePct = 5;
    }).toThrow(TypeError);
  });

  it.each([
    [{ considerBelowReturnPct: 5 }, 'considerBelowReturnPct', '<= 0'],
    [{ thesis: { start: 1.5 } }, 'thesis.start', '<= 1'],
    [{ thesis: { volume: { minSessions: 30 } } }, 'thesis.volume.minSessions', '<= 20'],
    [{ thesis: { volume: { keywords: [''] } } }, 'thesis.volume.keywords.0', 'non-empty strings'],
    [{ thesis: { drawdown: { limitPct: 0 } } }, 'thesis.drawdown.limitPct', '< 0'],
    [{ grades: { strong: 0.5 } }, 'grades.strong', '> 0.6'],
    [
      { buyMoreTiers: [{ minStrength: 0.8, maxReturnPct: -15 }] },
      'buyMoreTiers.0.addPctOfEquity',
      'a number',
    ],
    [{ buyMoreTiers: {} }, 'buyMoreTiers', 'a list'],
    [{ positionCapPct: 0 }, 'positionCapPct', '> 0'],
    [{ plan: { stopLossFactor: 1.2 } }, 'plan.stopLossFactor', '< 1'],
    [{ plan: { takeProfitFactors: [1.3, 1.2] } }, 'plan.takeProfitFactors.1', '> 1.3'],
    [{ followUp: { actions: ['SELL'] } }, 'followUp.actions.0', "'BUY_MORE' | 'HOLD'"],
    [{ retainSessions: 5 }, 'retainSessions', '>= 20'],
    [{ cap: 25 }, 'dips.cap', 'positionCapPct'],
  ])('rejects %o naming %s', (input, key, allowed) => {
    const error = configError(input);
    expect(error.key).toBe(key);
    expect(error.allowed).toContain(allowed);
    expect(error.message).toContain(key);
  });
});
