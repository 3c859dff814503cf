import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../config/endpoints.ts';
import { loadSwitches } from '../../../config/switches.ts';

describe('loadSwitches', () => {
  it('has every part on by default', () => {
    expect(loadSwitches({})).toEqual({ learning: true, alerts: true, tracker: true, sinks: true });
  });

  it('turns the sinks off alone, or with everything through the master switch', () => {
    expect(loadSwitches({ AMC_LEARNING_SINKS_ENABLED: 'false' })).toMatchObject({
      sinks: false,
      tracker: true,
    });
    expect(loadSwitches({ AMC_LEARNING_ENABLED: 'off' })).toMatchObject({ sinks: false, tracker: false });
  });

  it('names a bad value', () => {
    expect(() => loadSwitches({ AMC_LEARNING_SINKS_ENABLED: 'maybe' })).toThrowError(ConfigError);
    expect(() => loadSwitches({ AMC_LEARNING_SINKS_ENABLED: 'maybe' })).toThrowError(
      /AMC_LEARNING_SINKS_ENABLED/,
    );
  });
});
