import { describe, expect, it } from 'vitest';
import {
  createLearningConfig,
  DEFAULT_LEARNING_CONFIG,
  LearningConfigError,
} from '../../../streams/learning/domain/index.ts';

describe('the learning configuration', () => {
  it('defaults: Monday 07:00 New York, 1,000 resamples, 0.9 to auto-apply, auto-apply off, three parameters', () => {
    const config = createLearningConfig();
    expect(config.schedule).toMatchObject({ weekday: 1, hour: 7, minute: 0, timeZone: 'America/New_York' });
    expect(config.bootstrap.resamples).toBe(1000);
    expect(config.autoApply).toBe(false);
    expect(config.autoApplyMinConfidence).toBe(0.9);
    expect(config.parameters.map((p) => p.name)).toEqual([
      'composite_score_threshold',
      'vigl_score_threshold',
      'volume_spike_min',
    ]);
    expect(config.parameters[1]!.grid).toEqual([
      0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
    ]);
  });

  it('is deep-frozen, the defaults too', () => {
    const config = createLearningConfig({ autoApply: true });
    expect(Object.isFrozen(config.schedule)).toBe(true);
    expect(Object.isFrozen(config.parameters[0]!.grid)).toBe(true);
    expect(Object.isFrozen(DEFAULT_LEARNING_CONFIG.bootstrap)).toBe(true);
    expect(() => {
      (config as { autoApply: boolean }).autoApply = false;
    }).toThrow(TypeError);
  });

  it('overrides one nested key and keeps the others', () => {
    const config = createLearningConfig({ schedule: { hour: 6 }, bootstrap: { resamples: 2000 } });
    expect(config.schedule).toMatchObject({ hour: 6, minute: 0, weekday: 1 });
    expect(config.bootstrap).toMatchObject({ resamples: 2000, intervalLevel: 0.98 });
  });

  it.each([
    [{ bootstrap: { resamples: 999 } }, 'bootstrap.resamples'],
    [{ bootstrap: { intervalLevel: 1 } }, 'bootstrap.intervalLevel'],
    [{ autoApplyMinConfidence: 1.2 }, 'autoApplyMinConfidence'],
    [{ schedule: { timeZone: 'Mars/Olympus' } }, 'schedule.timeZone'],
    [{ schedule: { weekday: 7 } }, 'schedule.weekday'],
    [{ minKept: 200 }, 'minKept'],
    [{ minExplosiveShareKept: -0.1 }, 'minExplosiveShareKept'],
    [{ parameters: [] }, 'parameters'],
    [
      { parameters: [{ name: 'x', attribute: { kind: 'composite_score' }, grid: [2, 1] }] },
      'parameters.0.grid',
    ],
    [
      { parameters: [{ name: 'X-1', attribute: { kind: 'composite_score' }, grid: [1, 2] }] },
      'parameters.0.name',
    ],
    [
      { parameters: [{ name: 'x', attribute: { kind: 'factor', factors: [] }, grid: [1, 2] }] },
      'parameters.0.attribute.factors',
    ],
    [{ confidence: 0.5 }, 'confidence'],
  ])('refuses %j, naming %s', (input, key) => {
    let error: unknown;
    try {
      createLearningConfig(input as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LearningConfigError);
    expect((error as LearningConfigError).key).toBe(key);
  });
});
