import { deepFreeze } from '../../shared/deep-freeze.ts';
import { AlertType, type AlertTypeName } from './alert-type.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export type RateLimitWindowKind = 'sliding' | 'fixed';

/**
 * At most max_alerts emitted alerts of one type per window_ms of event time.
 * sliding: any window_ms-long span ending at the candidate; fixed: windows
 * aligned on multiples of window_ms since the epoch (cheaper to explain, allows
 * up to twice max_alerts across a window boundary).
 */
export interface RateLimitPolicy {
  readonly max_alerts: number;
  readonly window_ms: number;
  readonly window_kind: RateLimitWindowKind;
}

export interface AlertTypePolicy {
  /** Repeats of a dedup key within this long after its last emit are counted, not re-sent. */
  readonly suppression_window_ms: number;
  readonly rate_limit: RateLimitPolicy;
}

/** DESIGN "Recommendation tracking": not bought and return_30d >= 25 alerts, higher severity at >= 50. */
export interface MissedOpportunityRule {
  readonly min_return_pct: number;
  readonly high_severity_return_pct: number;
}

/** DESIGN "Discovery monitor": CRITICAL when health < 0.5, else WARNING. */
export interface PipelineUnhealthyRule {
  readonly critical_below_health: number;
}

/**
 * DESIGN "Buy-the-dip validator": a buy-more signal's severity from its thesis
 * strength. Below warning_from_strength it is INFO (a moderate thesis that
 * still earned an add), from it WARNING (a strong thesis), from
 * high_from_strength HIGH. None needs acknowledgement: acting is the user's call.
 */
export interface BuyMoreSignalRule {
  readonly warning_from_strength: number;
  readonly high_from_strength: number;
}

export interface AlertsConfig {
  /** AMC_LEARNING_ALERTS_ENABLED: when false every decision is DISABLED and no state changes. */
  readonly enabled: boolean;
  /** Policy of any type not named in policies, so a new type is gated from day one. */
  readonly default_policy: AlertTypePolicy;
  /** Keyed by alert type name; every known type always has an entry. */
  readonly policies: Readonly<Record<string, AlertTypePolicy>>;
  readonly missed_opportunity: MissedOpportunityRule;
  readonly pipeline_unhealthy: PipelineUnhealthyRule;
  readonly buy_more_signal: BuyMoreSignalRule;
}

function policy(
  suppressionWindowMs: number,
  maxAlerts: number,
  windowMs: number,
  windowKind: RateLimitWindowKind = 'sliding',
): AlertTypePolicy {
  return {
    suppression_window_ms: suppressionWindowMs,
    rate_limit: { max_alerts: maxAlerts, window_ms: windowMs, window_kind: windowKind },
  };
}

/**
 * Defaults, and why:
 * - MISSED_OPPORTUNITY: one key per tracking_id; restatements after late bars
 *   repeat it, so a day of suppression; a day of market data can reveal many
 *   at once, so 20 an hour.
 * - PIPELINE_UNHEALTHY: one key per run; an hour of suppression covers
 *   re-deliveries of the run; 10 an hour is more than runs happen.
 * - PIPELINE_DRIFT: one key per measure; a sustained drift recurs on every
 *   run until it ends or the baseline absorbs it, so a day of suppression
 *   (the repeats are counted); 10 a day.
 * - BUY_MORE_SIGNAL: holdings are re-examined at most once per bar (daily),
 *   so a day of suppression; 20 a day.
 * - CYCLE_COMPLETED: weekly plus on demand; an hour of suppression, 10 a day.
 * - PARAMETER_PROPOSED, PARAMETER_APPLIED: one key per proposal or change, a
 *   few per cycle or request; a day of suppression, 30 a day, so a burst of
 *   approvals is never silenced.
 * - Anything else: an hour of suppression, 30 an hour.
 */
export const DEFAULT_ALERTS_CONFIG: AlertsConfig = deepFreeze({
  enabled: true,
  default_policy: policy(HOUR_MS, 30, HOUR_MS),
  policies: {
    [AlertType.MISSED_OPPORTUNITY]: policy(DAY_MS, 20, HOUR_MS),
    [AlertType.PIPELINE_UNHEALTHY]: policy(HOUR_MS, 10, HOUR_MS),
    [AlertType.PIPELINE_DRIFT]: policy(DAY_MS, 10, DAY_MS),
    [AlertType.BUY_MORE_SIGNAL]: policy(DAY_MS, 20, DAY_MS),
    [AlertType.CYCLE_COMPLETED]: policy(HOUR_MS, 10, DAY_MS),
    [AlertType.PARAMETER_PROPOSED]: policy(DAY_MS, 30, DAY_MS),
    [AlertType.PARAMETER_APPLIED]: policy(DAY_MS, 30, DAY_MS),
  },
  missed_opportunity: { min_return_pct: 25, high_severity_return_pct: 50 },
  pipeline_unhealthy: { critical_below_health: 0.5 },
  buy_more_signal: { warning_from_strength: 0.8, high_from_strength: 0.9 },
});

export function policyFor(config: AlertsConfig, type: AlertTypeName): AlertTypePolicy {
  return Object.hasOwn(config.policies, type) ? config.policies[type]! : config.default_policy;
}
