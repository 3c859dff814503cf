import type { AlertTypeName } from './alert-type.ts';
import type { Severity } from './severity.ts';

/** Free-form details of an alert, strings only so they map onto an Avro map<string> as is. */
export type AlertData = Readonly<Record<string, string>>;

/**
 * What a builder proposes and the gate judges: an alert before it has an id,
 * counters or acknowledgement. event_time is the event time (epoch ms) of the
 * record that caused it, never the wall clock.
 */
export interface AlertCandidate {
  readonly type: AlertTypeName;
  readonly severity: Severity;
  readonly component: string;
  readonly title: string;
  readonly message: string;
  readonly data: AlertData;
  readonly dedup_key: string;
  readonly event_time: number;
}

/**
 * An alert as stored and published. Plain JSON (null, never undefined), so it
 * can live in a changelog-backed store and round-trip unchanged.
 */
export interface Alert {
  readonly alert_id: string;
  readonly type: AlertTypeName;
  readonly severity: Severity;
  readonly component: string;
  readonly title: string;
  readonly message: string;
  readonly data: AlertData;
  readonly dedup_key: string;
  /** Event time of the alert's first occurrence. */
  readonly created_at: number;
  readonly requires_ack: boolean;
  /** Candidates folded into this alert, the first one included. */
  readonly occurrences: number;
  readonly last_seen_at: number;
  readonly acknowledged: boolean;
  readonly acknowledged_by: string | null;
  readonly acknowledged_at: number | null;
}

/** Components named in alerts, one per agent that raises them. */
export const AlertComponent = {
  RECOMMENDATION_TRACKER: 'recommendation-tracker',
  DISCOVERY_MONITOR: 'discovery-monitor',
  BUY_THE_DIP_VALIDATOR: 'buy-the-dip-validator',
  LEARNING_COORDINATOR: 'learning-coordinator',
} as const;
