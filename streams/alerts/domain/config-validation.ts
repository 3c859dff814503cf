import { deepFreeze } from '../../shared/deep-freeze.ts';
import { ALERT_TYPE_NAME_PATTERN } from './alert-type.ts';
import type {
  AlertsConfig,
  AlertTypePolicy,
  BuyMoreSignalRule,
  MissedOpportunityRule,
  PipelineUnhealthyRule,
  RateLimitPolicy,
} from './config.ts';
import { DEFAULT_ALERTS_CONFIG } from './config.ts';
import { AlertsConfigError } from './errors.ts';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** What callers may pass: any subset of the config; missing keys take the defaults. */
export type AlertsConfigInput = DeepPartial<Omit<AlertsConfig, 'policies'>> & {
  readonly policies?: Readonly<Record<string, DeepPartial<AlertTypePolicy>>>;
};

type Fields = Readonly<Record<string, unknown>>;

/**
 * Validates overrides against the defaults once, at start-up, and returns a
 * deep-frozen config. Every error names the offending key and what is allowed.
 */
export function createAlertsConfig(input: unknown = {}): AlertsConfig {
  const root = readObject(input, 'alerts', [
    'enabled',
    'default_policy',
    'policies',
    'missed_opportunity',
    'pipeline_unhealthy',
    'buy_more_signal',
  ]);
  const defaultPolicy = readPolicy(
    root.default_policy,
    'default_policy',
    DEFAULT_ALERTS_CONFIG.default_policy,
  );
  const config: AlertsConfig = {
    enabled: readBoolean(root.enabled, 'enabled', DEFAULT_ALERTS_CONFIG.enabled),
    default_policy: defaultPolicy,
    policies: readPolicies(root.policies, defaultPolicy),
    missed_opportunity: readMissedOpportunity(root.missed_opportunity),
    pipeline_unhealthy: readPipelineUnhealthy(root.pipeline_unhealthy),
    buy_more_signal: readBuyMoreSignal(root.buy_more_signal),
  };
  return deepFreeze(config);
}

function readPolicies(value: unknown, defaultPolicy: AlertTypePolicy): Record<string, AlertTypePolicy> {
  const overrides = value === undefined ? {} : readObject(value, 'policies', null);
  const policies: Record<string, AlertTypePolicy> = { ...DEFAULT_ALERTS_CONFIG.policies };
  for (const [type, override] of Object.entries(overrides)) {
    if (!ALERT_TYPE_NAME_PATTERN.test(type)) {
      throw new AlertsConfigError(`policies.${type}`, 'is not an alert type name', 'UPPER_SNAKE_CASE names');
    }
    const base = Object.hasOwn(policies, type) ? policies[type]! : defaultPolicy;
    policies[type] = readPolicy(override, `policies.${type}`, base);
  }
  return policies;
}

function readPolicy(value: unknown, key: string, base: AlertTypePolicy): AlertTypePolicy {
  if (value === undefined) return base;
  const fields = readObject(value, key, ['suppression_window_ms', 'rate_limit']);
  return {
    suppression_window_ms: readInteger(
      fields.suppression_window_ms,
      `${key}.suppression_window_ms`,
      base.suppression_window_ms,
      0,
    ),
    rate_limit: readRateLimit(fields.rate_limit, `${key}.rate_limit`, base.rate_limit),
  };
}

function readRateLimit(value: unknown, key: string, base: RateLimitPolicy): RateLimitPolicy {
  if (value === undefined) return base;
  const fields = readObject(value, key, ['max_alerts', 'window_ms', 'window_kind']);
  const windowKind = fields.window_kind ?? base.window_kind;
  if (windowKind !== 'sliding' && windowKind !== 'fixed') {
    throw new AlertsConfigError(
      `${key}.window_kind`,
      `is ${JSON.stringify(windowKind)}`,
      "'sliding' | 'fixed'",
    );
  }
  return {
    max_alerts: readInteger(fields.max_alerts, `${key}.max_alerts`, base.max_alerts, 1),
    window_ms: readInteger(fields.window_ms, `${key}.window_ms`, base.window_ms, 1),
    window_kind: windowKind,
  };
}

function readMissedOpportunity(value: unknown): MissedOpportunityRule {
  const base = DEFAULT_ALERTS_CONFIG.missed_opportunity;
  if (value === undefined) return base;
  const fields = readObject(value, 'missed_opportunity', ['min_return_pct', 'high_severity_return_pct']);
  const rule = {
    min_return_pct: readFinite(
      fields.min_return_pct,
      'missed_opportunity.min_return_pct',
      base.min_return_pct,
    ),
    high_severity_return_pct: readFinite(
      fields.high_severity_return_pct,
      'missed_opportunity.high_severity_return_pct',
      base.high_severity_return_pct,
    ),
  };
  if (rule.high_severity_return_pct < rule.min_return_pct) {
    throw new AlertsConfigError(
      'missed_opportunity.high_severity_return_pct',
      `is ${rule.high_severity_return_pct}, below min_return_pct ${rule.min_return_pct}`,
      'a number >= missed_opportunity.min_return_pct',
    );
  }
  return rule;
}

function readPipelineUnhealthy(value: unknown): PipelineUnhealthyRule {
  const base = DEFAULT_ALERTS_CONFIG.pipeline_unhealthy;
  if (value === undefined) return base;
  const fields = readObject(value, 'pipeline_unhealthy', ['critical_below_health']);
  const key = 'pipeline_unhealthy.critical_below_health';
  const threshold = readFinite(fields.critical_below_health, key, base.critical_below_health);
  if (threshold < 0 || threshold > 1) {
    throw new AlertsConfigError(key, `is ${threshold}`, 'a number in [0, 1] (health scores are in [0, 1])');
  }
  return { critical_below_health: threshold };
}

function readBuyMoreSignal(value: unknown): BuyMoreSignalRule {
  const base = DEFAULT_ALERTS_CONFIG.buy_more_signal;
  if (value === undefined) return base;
  const fields = readObject(value, 'buy_more_signal', ['warning_from_strength', 'high_from_strength']);
  const rule = {
    warning_from_strength: readFinite(
      fields.warning_from_strength,
      'buy_more_signal.warning_from_strength',
      base.warning_from_strength,
    ),
    high_from_strength: readFinite(
      fields.high_from_strength,
      'buy_more_signal.high_from_strength',
      base.high_from_strength,
    ),
  };
  for (const [key, strength] of Object.entries(rule)) {
    if (strength < 0 || strength > 1) {
      throw new AlertsConfigError(
        `buy_more_signal.${key}`,
        `is ${strength}`,
        'a number in [0, 1] (thesis strength)',
      );
    }
  }
  if (rule.high_from_strength < rule.warning_from_strength) {
    throw new AlertsConfigError(
      'buy_more_signal.high_from_strength',
      `is ${rule.high_from_strength}, below warning_from_strength ${rule.warning_from_strength}`,
      'a number >= buy_more_signal.warning_from_strength',
    );
  }
  return rule;
}

/** allowedKeys null: any key is allowed (a map, such as policies). */
function readObject(value: unknown, key: string, allowedKeys: readonly string[] | null): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AlertsConfigError(key, `is ${describe(value)}`, 'an object');
  }
  if (allowedKeys !== null) {
    for (const field of Object.keys(value)) {
      if (!allowedKeys.includes(field)) {
        throw new AlertsConfigError(`${key}.${field}`, 'is not a known key', allowedKeys.join(', '));
      }
    }
  }
  return value as Fields;
}

function readBoolean(value: unknown, key: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new AlertsConfigError(key, `is ${describe(value)}`, 'true | false');
  return value;
}

function readFinite(value: unknown, key: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AlertsConfigError(key, `is ${describe(value)}`, 'a finite number');
  }
  return value;
}

function readInteger(value: unknown, key: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new AlertsConfigError(key, `is ${describe(value)}`, `an integer >= ${min}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}
