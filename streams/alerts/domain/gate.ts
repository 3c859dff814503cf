import type { Alert, AlertCandidate } from './alert.ts';
import { countOccurrence, foldOccurrence, openAlert } from './alert-record.ts';
import { candidateProblems } from './candidate-validation.ts';
import type { AlertsConfig, AlertTypePolicy } from './config.ts';
import { policyFor } from './config.ts';
import { InvalidAlertInputError } from './errors.ts';
import type { AlertTypeState, DedupKeyState } from './gate-state.ts';
import { initialTypeState } from './gate-state.ts';
import { isRateLimited, recordEmit, recordRateLimited } from './rate-limit.ts';
import { isHigherSeverity } from './severity.ts';

export type EmitReason =
  /** The alert is sent for the first time. */
  | 'NEW_ALERT'
  /** The same, still unacknowledged alert is sent again because its suppression window ended. */
  | 'WINDOW_ENDED'
  /** Inside the window, but more severe than what was last sent for the key. */
  | 'ESCALATION';

export type GateDecision =
  | {
      readonly kind: 'EMIT';
      readonly reason: EmitReason;
      readonly alert: Alert;
      /** Alerts of this type held back by the rate limit since its previous emit. */
      readonly rate_limited_before: number;
    }
  | {
      readonly kind: 'SUPPRESS';
      readonly reason: 'REPEAT_IN_WINDOW';
      readonly alert: Alert;
      /** Event time from which a repeat is sent again. */
      readonly suppressed_until: number;
    }
  | {
      readonly kind: 'RATE_LIMITED';
      /** The alert as stored, not sent. */
      readonly alert: Alert;
      readonly rate_limited_since_last_emit: number;
      readonly rate_limited_total: number;
    }
  | { readonly kind: 'DISABLED' };

export interface GateInput {
  readonly candidate: AlertCandidate;
  /** The stored state of candidate.dedup_key, null when the key was never seen. */
  readonly key_state: DedupKeyState | null;
  /** The stored state of candidate.type, null when the type was never seen. */
  readonly type_state: AlertTypeState | null;
  readonly config: AlertsConfig;
}

/** The decision plus the states to store back (the same objects when nothing changed). */
export interface GateOutcome {
  readonly decision: GateDecision;
  readonly key_state: DedupKeyState | null;
  readonly type_state: AlertTypeState | null;
}

/**
 * Judges one candidate at its event time. Pure: the same states and candidate
 * always give the same outcome, so a replay re-creates decisions and ids.
 */
export function decideAlert(input: GateInput): GateOutcome {
  const { candidate, key_state: prior, config } = input;
  if (!config.enabled)
    return { decision: { kind: 'DISABLED' }, key_state: prior, type_state: input.type_state };
  assertUsable(input);

  const policy = policyFor(config, candidate.type);
  const now = candidate.event_time;
  const window = policy.suppression_window_ms;
  const insideWindow =
    prior !== null && prior.last_emitted_at !== null && now - prior.last_emitted_at < window;
  const escalation =
    insideWindow && isHigherSeverity(candidate.severity, prior.last_emitted_severity ?? candidate.severity);
  if (prior !== null && insideWindow && !escalation) return suppress(input, prior, window);

  // An acknowledged alert is closed, and one quiet for a whole window is over:
  // either way what comes next is a new alert with its own id.
  const startsNewAlert =
    prior === null || prior.alert.acknowledged || now - prior.alert.last_seen_at >= window;
  const typeState = input.type_state ?? initialTypeState(candidate.type);
  if (isRateLimited(typeState, now, policy.rate_limit)) {
    return rateLimit(input, typeState, startsNewAlert);
  }
  return emit(input, typeState, policy, startsNewAlert, escalation);
}

function suppress(input: GateInput, prior: DedupKeyState, window: number): GateOutcome {
  const alert = countOccurrence(prior.alert, input.candidate.event_time);
  return {
    decision: {
      kind: 'SUPPRESS',
      reason: 'REPEAT_IN_WINDOW',
      alert,
      suppressed_until: (prior.last_emitted_at ?? input.candidate.event_time) + window,
    },
    key_state: { ...prior, alert, candidates_seen: prior.candidates_seen + 1 },
    type_state: input.type_state,
  };
}

function rateLimit(input: GateInput, typeState: AlertTypeState, startsNewAlert: boolean): GateOutcome {
  const { candidate, key_state: prior } = input;
  const nextTypeState = recordRateLimited(typeState);
  const keyState: DedupKeyState =
    prior === null || startsNewAlert
      ? {
          dedup_key: candidate.dedup_key,
          alert: openAlert(candidate, (prior?.alerts_created ?? 0) + 1),
          alert_emitted: false,
          last_emitted_at: prior?.last_emitted_at ?? null,
          last_emitted_severity: prior?.last_emitted_severity ?? null,
          alerts_created: (prior?.alerts_created ?? 0) + 1,
          candidates_seen: (prior?.candidates_seen ?? 0) + 1,
        }
      : {
          ...prior,
          alert: countOccurrence(prior.alert, candidate.event_time),
          candidates_seen: prior.candidates_seen + 1,
        };
  return {
    decision: {
      kind: 'RATE_LIMITED',
      alert: keyState.alert,
      rate_limited_since_last_emit: nextTypeState.rate_limited_since_last_emit,
      rate_limited_total: nextTypeState.rate_limited_total,
    },
    key_state: keyState,
    type_state: nextTypeState,
  };
}

function emit(
  input: GateInput,
  typeState: AlertTypeState,
  policy: AlertTypePolicy,
  startsNewAlert: boolean,
  escalation: boolean,
): GateOutcome {
  const { candidate, key_state: prior } = input;
  const continuing = prior !== null && !startsNewAlert;
  const alertsCreated = continuing ? prior.alerts_created : (prior?.alerts_created ?? 0) + 1;
  const alert = continuing ? foldOccurrence(prior.alert, candidate) : openAlert(candidate, alertsCreated);
  const reason = emitReason(escalation, continuing && prior.alert_emitted);
  return {
    decision: { kind: 'EMIT', reason, alert, rate_limited_before: typeState.rate_limited_since_last_emit },
    key_state: {
      dedup_key: candidate.dedup_key,
      alert,
      alert_emitted: true,
      last_emitted_at: candidate.event_time,
      last_emitted_severity: alert.severity,
      alerts_created: alertsCreated,
      candidates_seen: (prior?.candidates_seen ?? 0) + 1,
    },
    type_state: recordEmit(typeState, candidate.event_time, policy.rate_limit),
  };
}

function emitReason(escalation: boolean, resendingSameAlert: boolean): EmitReason {
  if (escalation) return 'ESCALATION';
  return resendingSameAlert ? 'WINDOW_ENDED' : 'NEW_ALERT';
}

function assertUsable({ candidate, key_state, type_state }: GateInput): void {
  const problems = candidateProblems(candidate);
  if (key_state !== null && key_state.dedup_key !== candidate.dedup_key) {
    problems.push(`key state is for ${key_state.dedup_key}, candidate for ${candidate.dedup_key}`);
  }
  if (type_state !== null && type_state.type !== candidate.type) {
    problems.push(`type state is for ${type_state.type}, candidate is ${candidate.type}`);
  }
  if (problems.length > 0) throw new InvalidAlertInputError(problems);
}
