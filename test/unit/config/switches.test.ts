import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../config/endpoints.ts';
import { loadSwitches } from '../../../config/switches.ts';

describe('switches', () => {
  it('turns every part on by default', () => {
    expect(loadSwitches({})).toEqual({
      learning: true,
      alerts: true,
      tracker: true,
      monitor: true,
      dips: true,
    });
  });

  it('turns the monitor and the dip validator off each without touching the others', () => {
    expect(loadSwitches({ AMC_LEARNING_MONITOR_ENABLED: 'false' })).toEqual({
      learning: true,
      alerts: true,
      tracker: true,
      monitor: false,
      dips: true,
    });
    expect(loadSwitches({ AMC_LEARNING_DIPS_ENABLED: 'off' })).toMatchObject({
      tracker: true,
      monitor: true,
      dips: false,
    });
  });

  it('the master switch turns everything off', () => {
    expect(loadSwitches({ AMC_LEARNING_ENABLED: '0', AMC_LEARNING_DIPS_ENABLED: 'true' })).toMatchObject({
      monitor: false,
      dips: false,
    });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadSwitches({ AMC_LEARNING_MONITOR_ENABLED: 'maybe' })).toThrow(ConfigError);
    expect(() => loadSwitches({ AMC_LEARNING_MONITOR_ENABLED: 'maybe' })).toThrow(
      /AMC_LEARNING_MONITOR_ENABLED/,
    );
  });
});
