/**
 * Each followed analysis is tracked to its outcome with the recommendation
 * tracker's own domain: the analysis is a "recommendation" discovered at the
 * analysed bar's time and price, with a single checkpoint at the horizon
 * (30 sessions), so sessions, missing bars, late and corrected bars follow
 * exactly the tracker's rules.
 */
import {
  createTrackerConfig,
  type ExchangeCalendar,
  evaluateOutcome,
  type OutcomeContext,
  type PriceBar,
  type TrackedOutcome,
} from '../../tracker/domain/index.ts';
import type { DipsConfig } from './config.ts';
import type { DipDecision, DipOutcome } from './types.ts';

export function followUpContext(config: DipsConfig, calendar: ExchangeCalendar): OutcomeContext {
  const { horizonSessions, missingGraceSessions } = config.followUp;
  return {
    config: createTrackerConfig({ checkpoints: [horizonSessions], basis: 'trading', missingGraceSessions }),
    calendar,
  };
}

export function isFollowed(decision: DipDecision, config: DipsConfig): boolean {
  return config.followUp.actions.includes(decision.action);
}

export const PENDING_OUTCOME: DipOutcome = Object.freeze({
  outcome_price_30d: null,
  outcome_return_pct_30d: null,
  outcome_success: null,
  final: false,
});

/** An analysis nobody follows is final as it stands: no outcome will come. */
export const UNFOLLOWED_OUTCOME: DipOutcome = Object.freeze({ ...PENDING_OUTCOME, final: true });

export function outcomeOf(outcome: TrackedOutcome): DipOutcome {
  const horizon = outcome.checkpoints.at(-1);
  return {
    outcome_price_30d: horizon?.price ?? null,
    outcome_return_pct_30d: horizon?.return_pct ?? null,
    outcome_success: outcome.success,
    final: outcome.final,
  };
}

export function sameOutcome(a: DipOutcome, b: DipOutcome): boolean {
  return (
    Object.is(a.outcome_price_30d, b.outcome_price_30d) &&
    Object.is(a.outcome_return_pct_30d, b.outcome_return_pct_30d) &&
    a.outcome_success === b.outcome_success &&
    a.final === b.final
  );
}

/** The tracker's evaluation of an analysis from the symbol's bars at the stream time. */
export function evaluateFollowUp(
  decision: DipDecision,
  bars: readonly PriceBar[],
  streamTimeMs: number,
  context: OutcomeContext,
): TrackedOutcome {
  return evaluateOutcome(
    {
      recommendation: {
        tracking_id: decision.analysis_id,
        run_id: decision.analysis_id,
        symbol: decision.symbol,
        discovered_at: decision.analyzed_at,
        discovery_price: decision.current_price,
      },
      bars,
      positions: [],
      streamTimeMs: Math.max(streamTimeMs, decision.analyzed_at),
    },
    context,
  );
}
