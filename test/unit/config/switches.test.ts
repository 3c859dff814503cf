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
      sinks: true,
      coordinator: true,
      autoApply: false,
      api: true,
    });
  });

  it('the API can be switched off alone', () => {
    expect(loadSwitches({ AMC_LEARNING_API_ENABLED: 'false' })).toMatchObject({ api: false, sinks: true });
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

  it('turns the monitor, the dip validator and the sinks off each without touching the others', () => {
    expect(loadSwitches({ AMC_LEARNING_MONITOR_ENABLED: 'false' })).toEqual({
      learning: true,
      alerts: true,
      tracker: true,
      monitor: false,
      dips: true,
      sinks: true,
      coordinator: true,
      autoApply: false,
      api: true,
    });
    expect(loadSwitches({ AMC_LEARNING_DIPS_ENABLED: 'off' })).toMatchObject({
      tracker: true,
      monitor: true,
      dips: false,
    });
    expect(loadSwitches({ AMC_LEARNING_SINKS_ENABLED: 'false' })).toMatchObject({
      sinks: false,
      tracker: true,
    });
  });

  it('the master switch turns everything off', () => {
    expect(loadSwitches({ AMC_LEARNING_ENABLED: '0', AMC_LEARNING_DIPS_ENABLED: 'true' })).toMatchObject({
      monitor: false,
      dips: false,
      sinks: false,
      tracker: false,
    });
  });

  it('names the variable of a bad value', () => {
    for (const variable of ['AMC_LEARNING_MONITOR_ENABLED', 'AMC_LEARNING_SINKS_ENABLED']) {
      expect(() => loadSwitches({ [variable]: 'maybe' })).toThrow(ConfigError);
      expect(() => loadSwitches({ [variable]: 'maybe' })).toThrow(new RegExp(variable));
    }
  });
});
