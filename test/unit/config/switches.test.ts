import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../config/endpoints.ts';
import { loadSwitches } from '../../../config/switches.ts';

describe('switches', () => {
  it('everything on by default, auto-apply off', () => {
    expect(loadSwitches({})).toEqual({
      learning: true,
      alerts: true,
      tracker: true,
      coordinator: true,
      autoApply: false,
    });
  });

  it('the coordinator can be switched off alone, and goes off with the master switch', () => {
    expect(loadSwitches({ AMC_LEARNING_COORDINATOR_ENABLED: 'false' })).toMatchObject({
      tracker: true,
      coordinator: false,
    });
    expect(loadSwitches({ AMC_LEARNING_ENABLED: 'off' })).toMatchObject({
      tracker: false,
      coordinator: false,
    });
  });

  it('AMC_LEARNING_AUTO_APPLY=true turns auto-apply on; anything but a switch value is refused by name', () => {
    expect(loadSwitches({ AMC_LEARNING_AUTO_APPLY: 'true' }).autoApply).toBe(true);
    expect(() => loadSwitches({ AMC_LEARNING_AUTO_APPLY: 'maybe' })).toThrow(ConfigError);
    expect(() => loadSwitches({ AMC_LEARNING_AUTO_APPLY: 'maybe' })).toThrow(/AMC_LEARNING_AUTO_APPLY/);
  });
});
