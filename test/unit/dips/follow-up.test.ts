import { describe, expect, it } from 'vitest';
import {
  analyseSession,
  DEFAULT_DIPS_CONFIG as config,
  type DipDecision,
  dailyBarsBySession,
  evaluateFollowUp,
  followUpContext,
  isFollowed,
  outcomeOf,
} from '../../../streams/dips/domain/index.ts';
import { NYSE_CALENDAR as calendar, type PriceBar } from '../../../streams/tracker/domain/index.ts';
import { openOf } from '../../support/market.ts';
import { ANALYSED, bar, history, sessionsFrom, snapshot } from './support.ts';

const context = followUpContext(config, calendar);
const today = bar(ANALYSED, 42, 1_500_000);
const decision = analyseSession(
  {
    session: ANALYSED,
    bar: today,
    snapshot: snapshot(),
    dailyBars: dailyBarsBySession('DIP', [...history(), today], calendar),
  },
  { config, calendar },
) as DipDecision;
// The 30th session after 2026-03-30, Good Friday closed: 2026-05-12 (worked out by hand).
const AFTER = sessionsFrom('2026-03-31', 34);
const HORIZON = AFTER[29]!;

const follow = (bars: readonly PriceBar[], streamTimeMs: number) =>
  outcomeOf(evaluateFollowUp(decision, [...history(), today, ...bars], streamTimeMs, context));

describe('a BUY_MORE followed to its 30-session outcome with the tracker’s checkpoints', () => {
  it('is followed; a HOLD is not (by default)', () => {
    expect(HORIZON).toBe('2026-05-12');
    expect(isFollowed(decision, config)).toBe(true);
    expect(isFollowed({ ...decision, action: 'HOLD' }, config)).toBe(false);
  });

  it('is pending until the horizon’s close', () => {
    const bars = AFTER.slice(0, 29).map((s) => bar(s, 44));
    expect(follow(bars, openOf(AFTER[28]!))).toEqual({
      outcome_price_30d: null,
      outcome_return_pct_30d: null,
      outcome_success: null,
      final: false,
    });
  });

  it('takes the close 30 sessions later: +10%, a success, final', () => {
    const bars = AFTER.slice(0, 30).map((s, i) => bar(s, i === 29 ? 46.2 : 44));
    const outcome = follow(bars, openOf(HORIZON));
    expect(outcome).toMatchObject({ outcome_price_30d: 46.2, outcome_success: true, final: true });
    expect(outcome.outcome_return_pct_30d).toBeCloseTo(10, 9);
  });

  it('follows a correction of the horizon bar', () => {
    const bars = AFTER.slice(0, 30).map((s, i) => bar(s, i === 29 ? 46.2 : 44));
    const corrected = follow([...bars, bar(HORIZON, 37.8)], openOf(HORIZON));
    expect(corrected.outcome_return_pct_30d).toBeCloseTo(-10, 9);
    expect(corrected.outcome_success).toBe(false);
  });

  it('ends final with no price when the symbol stops trading: never a made-up outcome', () => {
    const bars = AFTER.slice(0, 20).map((s) => bar(s, 44));
    const afterGrace = openOf(AFTER[33]!); // three sessions past the horizon, then one more
    expect(follow(bars, afterGrace)).toEqual({
      outcome_price_30d: null,
      outcome_return_pct_30d: null,
      outcome_success: null,
      final: true,
    });
    expect(follow(bars, openOf(AFTER[32]!)).final).toBe(false); // grace not yet over
  });
});
