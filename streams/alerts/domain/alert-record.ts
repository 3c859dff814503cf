import type { Alert, AlertCandidate } from './alert.ts';
import { deriveAlertId } from './alert-id.ts';
import { isAtLeastSeverity, maxSeverity, requiresAck } from './severity.ts';

/** A new alert from its first occurrence; `episode` is the key's count of alerts including this one. */
export function openAlert(candidate: AlertCandidate, episode: number): Alert {
  return {
    alert_id: deriveAlertId(candidate.dedup_key, candidate.event_time, episode),
    type: candidate.type,
    severity: candidate.severity,
    component: candidate.component,
    title: candidate.title,
    message: candidate.message,
    data: candidate.data,
    dedup_key: candidate.dedup_key,
    created_at: candidate.event_time,
    requires_ack: requiresAck(candidate.severity),
    occurrences: 1,
    last_seen_at: candidate.event_time,
    acknowledged: false,
    acknowledged_by: null,
    acknowledged_at: null,
  };
}

/** Counts a repeat that is not sent: only the counters move, so the stored alert still says what was sent. */
export function countOccurrence(alert: Alert, eventTime: number): Alert {
  return {
    ...alert,
    occurrences: alert.occurrences + 1,
    last_seen_at: Math.max(alert.last_seen_at, eventTime),
  };
}

/**
 * Folds a repeat that will be sent into the alert. An alert never de-escalates
 * within its life: an unacknowledged CRITICAL stays CRITICAL even if a later
 * repeat is milder. Its wording follows the most severe occurrence, the latest
 * one among equals, so title and severity always agree.
 */
export function foldOccurrence(alert: Alert, candidate: AlertCandidate): Alert {
  const counted = countOccurrence(alert, candidate.event_time);
  if (!isAtLeastSeverity(candidate.severity, alert.severity)) return counted;
  const severity = maxSeverity(alert.severity, candidate.severity);
  return {
    ...counted,
    severity,
    requires_ack: requiresAck(severity),
    component: candidate.component,
    title: candidate.title,
    message: candidate.message,
    data: candidate.data,
  };
}
