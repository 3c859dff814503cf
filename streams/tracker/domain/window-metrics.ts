/**
 * Peak and drawdown over the tracking window's sessions, in session order.
 */
import { returnPct } from './returns.ts';
import type { WindowMetrics, WindowSession } from './types.ts';

const NO_METRICS: WindowMetrics = Object.freeze({
  peak_price: null,
  peak_session: null,
  days_to_peak: null,
  peak_return_pct: null,
  max_drawdown_pct: null,
});

/**
 * `sessions` must be in session order. The peak is the first session reaching
 * the highest high. The drawdown of a session is measured from the highest of
 * the discovery price and the highs of the sessions before it, so a session's
 * own high never hides its own fall.
 */
export function computeWindowMetrics(
  sessions: readonly WindowSession[],
  discoveryPrice: number,
): WindowMetrics {
  const first = sessions[0];
  if (!first) return NO_METRICS;
  let peak = first;
  let runningHigh = discoveryPrice;
  let maxDrawdown = 0;
  for (const session of sessions) {
    if (session.high > peak.high) peak = session;
    if (session.low < runningHigh) {
      maxDrawdown = Math.max(maxDrawdown, ((runningHigh - session.low) / runningHigh) * 100);
    }
    runningHigh = Math.max(runningHigh, session.high);
  }
  return {
    peak_price: peak.high,
    peak_session: peak.session,
    days_to_peak: peak.days_from_discovery,
    peak_return_pct: returnPct(peak.high, discoveryPrice),
    max_drawdown_pct: maxDrawdown,
  };
}
