import { describe, expect, it } from 'vitest';
import {
  analyseSession,
  DEFAULT_DIPS_CONFIG as config,
  dailyBarsBySession,
  type HoldingSnapshot,
  notConsideredBecause,
} from '../../../streams/dips/domain/index.ts';
import { NYSE_CALENDAR as calendar, type PriceBar } from '../../../streams/tracker/domain/index.ts';
import { openOf } from '../../support/market.ts';
import { ANALYSED, bar, history, snapshot } from './support.ts';

function analyse(close: number, holding: HoldingSnapshot = snapshot(), previous: PriceBar[] = history()) {
  const today = bar(ANALYSED, close, 1_500_000);
  const input = {
    session: ANALYSED,
    bar: today,
    snapshot: holding,
    dailyBars: dailyBarsBySession('DIP', [...previous, today], calendar),
  };
  return {
    decision: analyseSession(input, { config, calendar }),
    why: notConsideredBecause(input, { config, calendar }),
  };
}

describe('one analysis of a holding on a daily bar', () => {
  it('a STRONG thesis on a 16% dip: BUY_MORE 20% of equity, with the trade plan', () => {
    const { decision } = analyse(42);
    expect(decision).toMatchObject({
      analysis_id: 'DIP:2026-03-30',
      symbol: 'DIP',
      session_date: '2026-03-30',
      analyzed_at: openOf(ANALYSED),
      current_price: 42,
      avg_entry_price: 50,
      quantity: 100,
      days_held: 28,
      account_equity: 100_000,
      position_value: 4_200,
      thesis: 'volume breakout ahead of a catalyst',
      thesis_strength: 0.9,
      thesis_grade: 'STRONG',
      action: 'BUY_MORE',
      sizing: { pct_of_equity: 20, amount: 20_000, reasons: [] },
      position_cap_pct: 25,
    });
    expect(decision?.unrealized_return_pct).toBeCloseTo(-16, 12);
    expect(decision?.position_pct_of_equity).toBeCloseTo(4.2, 12);
    expect(decision?.sizing?.shares).toBeCloseTo(20_000 / 42, 12);
    expect(decision?.thesis_factors.map((f) => [f.name, f.delta])).toEqual([
      ['volume_confirmed', 0.2],
      ['catalyst_window', 0.1],
      ['drawdown_contained', 0.1],
    ]);
    expect(decision?.plan?.stop_loss).toBeCloseTo(35.7, 12);
    expect(decision?.plan?.take_profit_1).toBeCloseTo(46.2, 12);
    expect(decision?.plan?.take_profit_2).toBe(52.5);
    expect(decision?.plan?.entry_low).toBeCloseTo(41.16, 12);
    expect(decision?.plan?.entry_high).toBeCloseTo(42.84, 12);
    expect(decision?.plan?.risk_reward).toBeCloseTo(4.2 / 6.3, 12);
    expect(decision?.reasons).toEqual([
      'down 16% from the average entry 50 at 42, below the -10% threshold',
      'BUY_MORE: a STRONG thesis (0.9) at -16% fits the tier: strength >= 0.8 at a dip <= -15% adds 20% of equity',
    ]);
  });

  it('the same thesis on a 12% dip: the second tier, 15% of equity', () => {
    const { decision } = analyse(44);
    expect(decision).toMatchObject({ action: 'BUY_MORE', thesis_strength: 0.9, sizing: { amount: 15_000 } });
  });

  it('a MODERATE thesis without volume or catalyst: HOLD, no size, no plan', () => {
    const { decision } = analyse(44, snapshot({ thesis: 'momentum' }));
    expect(decision).toMatchObject({
      action: 'HOLD',
      thesis_strength: 0.6,
      thesis_grade: 'MODERATE',
      sizing: null,
      plan: null,
    });
    expect(decision?.reasons[1]).toBe(
      'HOLD: no buy-more tier fits a MODERATE thesis (0.6) at -12% (strength >= 0.8 at a dip <= -15% adds 20% of equity; ' +
        'strength >= 0.7 at a dip <= -10% adds 15% of equity)',
    );
  });

  it('the cap binding: 500 shares at 42 are 21% of equity, so 4% is added', () => {
    const { decision } = analyse(42, snapshot({ quantity: 500 }));
    expect(decision?.sizing).toMatchObject({ amount: 4_000, pct_of_equity: 4 });
    expect(decision?.reasons.at(-1)).toBe(
      'capped: the position is 21% of equity and may reach 25%, so 4% is added instead of 20%',
    );
  });

  it('the cap already reached: BUY_MORE with nothing added, and it says so', () => {
    const { decision } = analyse(42, snapshot({ quantity: 700 })); // 29,400 = 29.4%
    expect(decision).toMatchObject({
      action: 'BUY_MORE',
      sizing: { amount: 0, shares: 0, pct_of_equity: 0 },
    });
    expect(decision?.reasons.at(-1)).toBe(
      'nothing added: the position is already 29.4% of equity, at or above the 25% cap',
    );
  });

  it('unknown volume is not guessed: 0.7, the second tier', () => {
    const { decision } = analyse(42, snapshot(), []);
    expect(decision?.thesis_factors[0]?.name).toBe('volume_unknown');
    expect(decision).toMatchObject({ thesis_strength: 0.7, action: 'BUY_MORE', sizing: { amount: 15_000 } });
  });

  it('equity comes from the snapshot: the same dip sizes differently on another account', () => {
    const { decision } = analyse(42, snapshot({ account_equity: 250_000 }));
    expect(decision?.sizing?.amount).toBe(50_000);
  });

  it.each([
    [45, snapshot(), 'unrealized return -10% is not below -10%'],
    [30, snapshot({ quantity: 0 }), 'the position is closed'],
    [
      30,
      snapshot({ entry_date: Date.parse('2026-04-01T15:00:00Z'), as_of: Date.parse('2026-03-01T15:00:00Z') }),
      'the position was opened after the session',
    ],
  ])('is not considered at %d: %s', (close, holding, why) => {
    const result = analyse(close, holding);
    expect(result.decision).toBeNull();
    expect(result.why).toBe(why);
  });
});
