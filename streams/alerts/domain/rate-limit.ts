import type { RateLimitPolicy } from './config.ts';
import type { AlertTypeState } from './gate-state.ts';

/**
 * Whether an emit at event time `emittedAt` counts against a candidate at
 * `now`. Emits later than now (a late candidate) count too, so a late record
 * can never squeeze in an extra alert.
 */
function countsAgainst(emittedAt: number, now: number, policy: RateLimitPolicy): boolean {
  if (policy.window_kind === 'sliding') return emittedAt > now - policy.window_ms;
  const windowStart = Math.floor(now / policy.window_ms) * policy.window_ms;
  return emittedAt >= windowStart;
}

export function emitsInRateWindow(state: AlertTypeState, now: number, policy: RateLimitPolicy): number {
  return state.recent_emits_at.filter((emittedAt) => countsAgainst(emittedAt, now, policy)).length;
}

export function isRateLimited(state: AlertTypeState, now: number, policy: RateLimitPolicy): boolean {
  return emitsInRateWindow(state, now, policy) >= policy.max_alerts;
}

/** Records an emit and forgets emits that can no longer count, which bounds the state by max_alerts. */
export function recordEmit(state: AlertTypeState, now: number, policy: RateLimitPolicy): AlertTypeState {
  const stillCounting = state.recent_emits_at.filter((emittedAt) => countsAgainst(emittedAt, now, policy));
  return {
    ...state,
    recent_emits_at: [...stillCounting, now].sort((a, b) => a - b),
    rate_limited_since_last_emit: 0,
  };
}

export function recordRateLimited(state: AlertTypeState): AlertTypeState {
  return {
    ...state,
    rate_limited_total: state.rate_limited_total + 1,
    rate_limited_since_last_emit: state.rate_limited_since_last_emit + 1,
  };
}
