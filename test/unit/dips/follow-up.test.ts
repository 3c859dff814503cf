import { describe, expect, it } from 'vitest';
import {
  advanceFollowUp,
  analyseSession,
  DEFAULT_DIPS_CONFIG as config,
  type DipDecision,
  dailyBarsBySession,
  type FollowUpState,
  followUpContext,
  isFollowed,
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

function follow(
  bars: readonly PriceBar[],
  streamTimeMs: number,
  state: FollowUpState = { last: null, version: 1 },
) {
  return advanceFollowUp(decision, state, [...history(), today, ...bars], streamTimeMs, context);
}

describe('a BUY_MORE followed to its 30-session outcome with the tracker’s checkpoints', () => {
  it('is followed; a HOLD is not (by default)', () => {
    expect(HORIZON).toBe('2026-05-12');
    expect(isFollowed(decision, config)).toBe(true);
    expect(isFollowed({ ...decision, action: 'HOLD' }, config)).toBe(false);
  });

  it('stays pending, emitting nothing, until the horizon’s close', () => {
    const bars = AFTER.slice(0, 29).map((s) => bar(s, 44));
    const step = follow(bars, openOf(AFTER[28]!));
    expect(step.emit).toBeNull();
    expect(step.state.version).toBe(1);
  });

  it('restates the analysis with the close 30 sessions later: +10%, a success, final, version 2', () => {
    const bars = AFTER.slice(0, 30).map((s, i) => bar(s, i === 29 ? 46.2 : 44));
    const step = follow(bars, openOf(HORIZON));
    expect(step.emit?.outcome_price_30d).toBe(46.2);
    expect(step.emit?.outcome_return_pct_30d).toBeCloseTo(10, 9);
    expect(step.emit).toMatchObject({ outcome_success: true, final: true });
    expect(step.state.version).toBe(2);
    // Evaluated again with nothing new: nothing to restate.
    const again = follow(bars, openOf(HORIZON), step.state);
    expect(again.emit).toBeNull();
    expect(again.state.version).toBe(2);
  });

  it('restates again, version 3, when the horizon bar is corrected', () => {
    const bars = AFTER.slice(0, 30).map((s, i) => bar(s, i === 29 ? 46.2 : 44));
    const first = follow(bars, openOf(HORIZON));
    const corrected = follow([...bars, bar(HORIZON, 37.8)], openOf(HORIZON), first.state);
    expect(corrected.emit?.outcome_return_pct_30d).toBeCloseTo(-10, 9);
    expect(corrected.emit?.outcome_success).toBe(false);
    expect(corrected.state.version).toBe(3);
  });

  it('ends final with no price when the symbol stops trading: never a made-up outcome', () => {
    const bars = AFTER.slice(0, 20).map((s) => bar(s, 44));
    const afterGrace = openOf(AFTER[33]!); // three sessions past the horizon, then one more
    const step = follow(bars, afterGrace);
    expect(step.emit).toEqual({
      outcome_price_30d: null,
      outcome_return_pct_30d: null,
      outcome_success: null,
      final: true,
    });
    expect(step.outcome.checkpoints[0]).toMatchObject({ status: 'missing', missing_reason: 'no_data' });
  });
});
