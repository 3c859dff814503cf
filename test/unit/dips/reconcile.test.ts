import { describe, expect, it } from 'vitest';
import {
  analyseSession,
  DEFAULT_DIPS_CONFIG as config,
  type DipDecision,
  type DipOutcome,
  dailyBarsBySession,
  isNewSignal,
  PENDING_OUTCOME,
  type PublishedAnalysis,
  reconcileSession,
  UNFOLLOWED_OUTCOME,
} from '../../../streams/dips/domain/index.ts';
import { NYSE_CALENDAR as calendar } from '../../../streams/tracker/domain/index.ts';
import { ANALYSED, bar, history, snapshot } from './support.ts';

function decide(close: number, overrides = {}): DipDecision {
  const today = bar(ANALYSED, close, 1_500_000);
  const dailyBars = dailyBarsBySession('DIP', [...history(), today], calendar);
  return analyseSession(
    { session: ANALYSED, bar: today, snapshot: snapshot(overrides), dailyBars },
    { config, calendar },
  )!;
}

const buyMore = decide(42);
const hold = decide(44, { thesis: 'momentum' });
const SETTLED: DipOutcome = {
  outcome_price_30d: 46.2,
  outcome_return_pct_30d: 10,
  outcome_success: true,
  final: true,
};
const published = (
  decision: DipDecision,
  version: number,
  outcome = PENDING_OUTCOME,
  withdrawn = false,
): PublishedAnalysis => ({
  decision,
  outcome,
  withdrawn,
  version,
});
const reconcile = (
  previous: PublishedAnalysis | null,
  decision: DipDecision | null,
  outcome = PENDING_OUTCOME,
  following = true,
) => reconcileSession({ previous, decision, following, evaluate: () => outcome }, config);

describe('what to publish for a session', () => {
  it('publishes a new analysis at version 1: a BUY_MORE pending its outcome, a HOLD final at once', () => {
    expect(reconcile(null, buyMore)).toEqual(published(buyMore, 1));
    expect(reconcile(null, hold)).toEqual(published(hold, 1, UNFOLLOWED_OUTCOME));
  });

  it('publishes nothing while neither the decision nor its outcome changed', () => {
    expect(reconcile(published(buyMore, 1), buyMore)).toBeNull();
    expect(reconcile(null, null)).toBeNull();
  });

  it('restates with the outcome once it is known', () => {
    expect(reconcile(published(buyMore, 1), buyMore, SETTLED)).toEqual(published(buyMore, 2, SETTLED));
  });

  it('restates when late data changes the decision (a snapshot with another entry price)', () => {
    const later = decide(42, { avg_entry_price: 52 });
    expect(reconcile(published(buyMore, 1), later)).toEqual(published(later, 2));
  });

  it('withdraws an analysis the data no longer supports, once; and restores it if the data comes back', () => {
    const withdrawn = reconcile(published(buyMore, 2, SETTLED), null);
    expect(withdrawn).toEqual(published(buyMore, 3, SETTLED, true));
    expect(reconcile(withdrawn, null)).toBeNull();
    expect(reconcile(withdrawn, buyMore, SETTLED)).toEqual(published(buyMore, 4, SETTLED));
  });

  it('keeps a retired analysis’ settled outcome instead of evaluating it again', () => {
    const evaluated: DipOutcome[] = [];
    const result = reconcileSession(
      {
        previous: published(buyMore, 2, SETTLED),
        decision: buyMore,
        following: false,
        evaluate: () => {
          evaluated.push(PENDING_OUTCOME);
          return PENDING_OUTCOME;
        },
      },
      config,
    );
    expect(result).toBeNull();
    expect(evaluated).toEqual([]);
  });
});

describe('which versions raise a buy-more signal', () => {
  it('the first BUY_MORE with something to add, not its restatements', () => {
    expect(isNewSignal(null, published(buyMore, 1))).toBe(true);
    expect(isNewSignal(published(buyMore, 1), published(buyMore, 2, SETTLED))).toBe(false);
    expect(isNewSignal(published(hold, 1), published(buyMore, 2))).toBe(true);
    expect(isNewSignal(published(buyMore, 1, PENDING_OUTCOME, true), published(buyMore, 2))).toBe(true);
  });

  it('not a HOLD, a withdrawal, or a BUY_MORE the cap leaves nothing to add to', () => {
    const capped = decide(42, { quantity: 700 });
    expect(isNewSignal(null, published(hold, 1))).toBe(false);
    expect(isNewSignal(published(buyMore, 1), published(buyMore, 2, PENDING_OUTCOME, true))).toBe(false);
    expect(isNewSignal(null, published(capped, 1))).toBe(false);
  });
});
