import { describe, expect, it } from 'vitest';
import { AlertType } from '../../../streams/alerts/domain/alert-type.ts';
import { DEFAULT_ALERTS_CONFIG, policyFor } from '../../../streams/alerts/domain/config.ts';
import { createAlertsConfig } from '../../../streams/alerts/domain/config-validation.ts';
import { AlertsConfigError } from '../../../streams/alerts/domain/errors.ts';

function configError(input: unknown): AlertsConfigError {
  try {
    createAlertsConfig(input);
  } catch (error) {
    if (error instanceof AlertsConfigError) return error;
    throw error;
  }
  throw new Error('expected an AlertsConfigError');
}

describe('alerts config', () => {
  it('defaults match the design thresholds and gate every known type', () => {
    const config = createAlertsConfig();
    expect(config.enabled).toBe(true);
    expect(config.missed_opportunity).toEqual({ min_return_pct: 25, high_severity_return_pct: 50 });
    expect(config.pipeline_unhealthy).toEqual({ critical_below_health: 0.5 });
    expect(config.buy_more_signal).toEqual({ warning_from_strength: 0.8, high_from_strength: 0.9 });
    for (const type of Object.values(AlertType)) {
      expect(config.policies[type], type).toBeDefined();
    }
    expect(config).toEqual(DEFAULT_ALERTS_CONFIG);
  });

  it('merges partial overrides onto the defaults of that type', () => {
    const config = createAlertsConfig({
      enabled: false,
      policies: { PIPELINE_UNHEALTHY: { rate_limit: { max_alerts: 3 } } },
      missed_opportunity: { min_return_pct: 30 },
    });
    expect(config.enabled).toBe(false);
    const pipeline = config.policies.PIPELINE_UNHEALTHY!;
    expect(pipeline.rate_limit.max_alerts).toBe(3);
    expect(pipeline.rate_limit.window_ms).toBe(
      DEFAULT_ALERTS_CONFIG.policies.PIPELINE_UNHEALTHY!.rate_limit.window_ms,
    );
    expect(pipeline.suppression_window_ms).toBe(
      DEFAULT_ALERTS_CONFIG.policies.PIPELINE_UNHEALTHY!.suppression_window_ms,
    );
    expect(config.missed_opportunity).toEqual({ min_return_pct: 30, high_severity_return_pct: 50 });
  });

  it('gives a new type the (overridden) default policy until it is named', () => {
    const config = createAlertsConfig({
      default_policy: { suppression_window_ms: 5_000 },
      policies: { SCHEMA_DRIFT: { rate_limit: { window_kind: 'fixed' } } },
    });
    expect(policyFor(config, 'SOMETHING_NEW').suppression_window_ms).toBe(5_000);
    expect(policyFor(config, 'SCHEMA_DRIFT')).toEqual({
      suppression_window_ms: 5_000,
      rate_limit: { ...DEFAULT_ALERTS_CONFIG.default_policy.rate_limit, window_kind: 'fixed' },
    });
    expect(policyFor(config, AlertType.MISSED_OPPORTUNITY)).toEqual(
      DEFAULT_ALERTS_CONFIG.policies.MISSED_OPPORTUNITY,
    );
  });

  it('is deeply frozen', () => {
    const config = createAlertsConfig({ policies: { CYCLE_COMPLETED: { suppression_window_ms: 1 } } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.policies)).toBe(true);
    expect(Object.isFrozen(config.policies.CYCLE_COMPLETED!.rate_limit)).toBe(true);
    expect(Object.isFrozen(DEFAULT_ALERTS_CONFIG.default_policy)).toBe(true);
    expect(() => {
      (config as { enabled: boolean }).enabled = false;
    }).toThrow(TypeError);
  });

  it.each([
    [{ enabled: 'yes' }, 'enabled', 'true | false'],
    [{ surprise: 1 }, 'alerts.surprise', 'enabled, default_policy'],
    [{ default_policy: { suppression_window_ms: -1 } }, 'default_policy.suppression_window_ms', '>= 0'],
    [{ default_policy: { suppression_window_ms: 1.5 } }, 'default_policy.suppression_window_ms', 'integer'],
    [
      { policies: { MISSED_OPPORTUNITY: { rate_limit: { max_alerts: 0 } } } },
      'policies.MISSED_OPPORTUNITY.rate_limit.max_alerts',
      '>= 1',
    ],
    [
      { policies: { BUY_MORE_SIGNAL: { rate_limit: { window_ms: 0 } } } },
      'policies.BUY_MORE_SIGNAL.rate_limit.window_ms',
      '>= 1',
    ],
    [
      { policies: { BUY_MORE_SIGNAL: { rate_limit: { window_kind: 'tumbling' } } } },
      'policies.BUY_MORE_SIGNAL.rate_limit.window_kind',
      "'sliding' | 'fixed'",
    ],
    [{ policies: { 'lower-case': {} } }, 'policies.lower-case', 'UPPER_SNAKE_CASE'],
    [
      { policies: { CYCLE_COMPLETED: { cooldown: 1 } } },
      'policies.CYCLE_COMPLETED.cooldown',
      'suppression_window_ms',
    ],
    [{ policies: [] }, 'policies', 'an object'],
    [{ missed_opportunity: { min_return_pct: Number.NaN } }, 'missed_opportunity.min_return_pct', 'finite'],
    [
      { missed_opportunity: { min_return_pct: 60 } },
      'missed_opportunity.high_severity_return_pct',
      '>= missed_opportunity.min_return_pct',
    ],
    [{ buy_more_signal: { high_from_strength: 1.2 } }, 'buy_more_signal.high_from_strength', '[0, 1]'],
    [
      { buy_more_signal: { warning_from_strength: 0.95 } },
      'buy_more_signal.high_from_strength',
      '>= buy_more_signal.warning_from_strength',
    ],
    [
      { pipeline_unhealthy: { critical_below_health: 1.5 } },
      'pipeline_unhealthy.critical_below_health',
      '[0, 1]',
    ],
    [null, 'alerts', 'an object'],
  ])('rejects %j naming %s', (input, key, allowed) => {
    const error = configError(input);
    expect(error.key).toBe(key);
    expect(error.allowed).toContain(allowed);
    expect(error.message).toContain(key);
    expect(error.retriable).toBe(false);
  });
});
