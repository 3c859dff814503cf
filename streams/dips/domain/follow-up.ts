/**
 * Each followed analysis is tracked to its outcome with the recommendation
 * tracker's own domain: the analysis is a "recommendation" discovered at the
 * analysed bar's time and price, with a single checkpoint at the horizon
 * (30 sessions), so sessions, missing bars, late and corrected bars and
 * restatements follow exactly the tracker's rules.
 */
import {
  advanceEmission,
  createTrackerConfig,
  type EmittedOutcome,
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

export interface FollowUpState {
  /** The tracker domain's last emitted evaluation. */
  readonly last: EmittedOutcome | null;
  /** Version of the analysis record last emitted: 1 for the analysis itself. */
  readonly version: number;
}

export interface FollowUpStep {
  readonly state: FollowUpState;
  /** The outcome to restate the analysis with, or null when nothing visible changed. */
  readonly emit: DipOutcome | null;
  readonly outcome: TrackedOutcome;
}

const sameOutcome = (a: DipOutcome, b: DipOutcome) =>
  Object.is(a.outcome_price_30d, b.outcome_price_30d) &&
  Object.is(a.outcome_return_pct_30d, b.outcome_return_pct_30d) &&
  a.outcome_success === b.outcome_success &&
  a.final === b.final;

/**
 * Re-evaluates a followed analysis from the symbol's bars at the stream time.
 * The record is restated (version + 1) when the tracker's rules would emit
 * and the outcome fields the record carries changed.
 */
export function advanceFollowUp(
  decision: DipDecision,
  state: FollowUpState,
  bars: readonly PriceBar[],
  streamTimeMs: number,
  context: OutcomeContext,
): FollowUpStep {
  const outcome = evaluateOutcome(
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
      streamTimeMs,
    },
    context,
  );
  const previous = state.last === null ? PENDING_OUTCOME : outcomeOf(state.last.outcome);
  const advanced = advanceEmission(state.last, outcome);
  const next = outcomeOf(outcome);
  const visible = advanced.decision.emit && !sameOutcome(previous, next);
  return {
    state: { last: advanced.lastEmitted, version: visible ? state.version + 1 : state.version },
    emit: visible ? next : null,
    outcome,
  };
}
