import type { AlertCandidate } from '../alert.ts';
import { AlertComponent } from '../alert.ts';
import { AlertType } from '../alert-type.ts';
import type { MissedOpportunityRule } from '../config.ts';
import { InvalidAlertInputError } from '../errors.ts';
import { Severity } from '../severity.ts';
import { severityFromLadder } from '../severity-ladder.ts';
import { dedupKeyFor } from './dedup-key.ts';
import { formatPrice, formatSignedPct } from './format.ts';

/** The fields of a tracked recommendation outcome that the alert needs. */
export interface MissedOpportunityInput {
  readonly tracking_id: string;
  readonly symbol: string;
  readonly run_id: string;
  readonly bought: boolean;
  /** Percent; null while the day-30 checkpoint is unknown or marked missing. */
  readonly return_30d: number | null;
  readonly discovery_price: number;
  readonly price_30d: number | null;
  /** Event time of the outcome record (epoch ms). */
  readonly event_time: number;
}

/** Returns the candidate alert, or null when the outcome is no missed opportunity. */
export function buildMissedOpportunityAlert(
  outcome: MissedOpportunityInput,
  rule: MissedOpportunityRule,
): AlertCandidate | null {
  if (outcome.bought || outcome.return_30d === null) return null;
  if (!Number.isFinite(outcome.return_30d)) {
    throw new InvalidAlertInputError([`return_30d of ${outcome.tracking_id} is ${outcome.return_30d}`]);
  }
  const severity = severityFromLadder(outcome.return_30d, [
    { at_least: rule.min_return_pct, severity: Severity.WARNING },
    { at_least: rule.high_severity_return_pct, severity: Severity.HIGH },
  ]);
  if (severity === null) return null;

  const gain = formatSignedPct(outcome.return_30d);
  const later =
    outcome.price_30d === null
      ? 'its 30-day price is unknown'
      : `it closed at ${formatPrice(outcome.price_30d)}`;
  return {
    type: AlertType.MISSED_OPPORTUNITY,
    severity,
    component: AlertComponent.RECOMMENDATION_TRACKER,
    title: `Missed opportunity: ${outcome.symbol} ${gain} in 30 days`,
    message:
      `${outcome.symbol} was recommended by discovery run ${outcome.run_id} at ` +
      `${formatPrice(outcome.discovery_price)} and not bought; 30 days later ${later} (${gain}).`,
    data: {
      tracking_id: outcome.tracking_id,
      symbol: outcome.symbol,
      run_id: outcome.run_id,
      return_30d: String(outcome.return_30d),
      discovery_price: String(outcome.discovery_price),
      ...(outcome.price_30d === null ? {} : { price_30d: String(outcome.price_30d) }),
    },
    dedup_key: dedupKeyFor(AlertType.MISSED_OPPORTUNITY, outcome.tracking_id),
    event_time: outcome.event_time,
  };
}
