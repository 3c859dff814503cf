import type { Alert } from './alert.ts';
import type { AlertTypeName } from './alert-type.ts';
import type { Severity } from './severity.ts';

/**
 * What the gate remembers about one dedup key. Plain JSON (numbers, strings,
 * booleans, null), so it can be the value of a changelog-backed store entry
 * keyed by the dedup key and restore to exactly the same decisions.
 */
export interface DedupKeyState {
  readonly dedup_key: string;
  /** The key's current alert: the latest one created, possibly not sent yet (rate-limited). */
  readonly alert: Alert;
  /** Whether the current alert has been emitted at least once. */
  readonly alert_emitted: boolean;
  /** Event time of the key's last emit, whichever alert it was; anchors the suppression window. */
  readonly last_emitted_at: number | null;
  /** Severity of that emit; a higher one inside the window is an escalation. */
  readonly last_emitted_severity: Severity | null;
  /** Alerts created for this key so far; part of each alert's id. */
  readonly alerts_created: number;
  /** Every candidate judged for this key (emitted, suppressed or rate-limited). */
  readonly candidates_seen: number;
}

/** What the gate remembers about one alert type, for its rate limit. Plain JSON as well. */
export interface AlertTypeState {
  readonly type: AlertTypeName;
  /** Event times of the type's emits that can still count against the limit, ascending. */
  readonly recent_emits_at: readonly number[];
  readonly rate_limited_total: number;
  /** Rate-limited candidates since the type's last emit, so the next emit can say how many were held back. */
  readonly rate_limited_since_last_emit: number;
}

export function initialTypeState(type: AlertTypeName): AlertTypeState {
  return { type, recent_emits_at: [], rate_limited_total: 0, rate_limited_since_last_emit: 0 };
}
