import { describe, expect, it } from 'vitest';
import {
  createTrackerConfig,
  evaluateOutcome,
  NYSE_CALENDAR as nyse,
  type OutcomeInput,
  type PriceBar,
  recommendationProblem,
  type TrackedOutcome,
  trackingIdOf,
} from '../../../streams/tracker/domain/index.ts';
import { dailyBar, flatBars, intradayBar, newYorkTime, recommendationOf } from './support/market.ts';

// Discovered Wednesday 2024-11-27 (the day before Thanksgiving) at 100.
const DISCOVERED_AT = newYorkTime('2024-11-27', 10, 0);
const WINDOW = nyse.sessionsBetween('2024-11-29', '2025-01-14');
const AFTER_WINDOW = newYorkTime('2025-01-21', 16, 0);

function evaluate(bars: PriceBar[], streamTimeMs = AFTER_WINDOW, basis: 'trading' | 'calendar' = 'trading') {
  const input: OutcomeInput = {
    recommendation: recommendationOf(DISCOVERED_AT),
    bars,
    positions: [],
    streamTimeMs,
  };
  return evaluateOutcome(input, { config: createTrackerConfig({ basis }), calendar: nyse });
}

/** Flat bars at 100 with the given closes on chosen sessions. */
function barsWithCloses(closes: Record<string, number>): PriceBar[] {
  return WINDOW.map((session) => dailyBar(session, { close: closes[session] ?? 100 }));
}

function checkpointsOf(outcome: TrackedOutcome) {
  return outcome.checkpoints.map(({ days, session, status, price, return_pct }) => ({
    days,
    session,
    status,
    price,
    return_pct,
  }));
}

describe('checkpoint prices and returns', () => {
  const closes = {
    '2024-11-29': 110,
    '2024-12-04': 104,
    '2024-12-09': 95,
    '2024-12-11': 112,
    '2024-12-18': 120,
  };
  const moreCloses = { ...closes, '2024-12-27': 90, '2025-01-14': 130 };

  it('prices each trading-basis checkpoint from its session close', () => {
    expect(checkpointsOf(evaluate(barsWithCloses(moreCloses)))).toEqual([
      { days: 1, session: '2024-11-29', status: 'reached', price: 110, return_pct: 10 },
      { days: 7, session: '2024-12-09', status: 'reached', price: 95, return_pct: -5 },
      { days: 14, session: '2024-12-18', status: 'reached', price: 120, return_pct: 20 },
      { days: 30, session: '2025-01-14', status: 'reached', price: 130, return_pct: 30 },
    ]);
  });

  it('prices each calendar-basis checkpoint from its session close', () => {
    expect(checkpointsOf(evaluate(barsWithCloses(moreCloses), AFTER_WINDOW, 'calendar'))).toEqual([
      { days: 1, session: '2024-11-29', status: 'reached', price: 110, return_pct: 10 },
      { days: 7, session: '2024-12-04', status: 'reached', price: 104, return_pct: 4 },
      { days: 14, session: '2024-12-11', status: 'reached', price: 112, return_pct: 12 },
      { days: 30, session: '2024-12-27', status: 'reached', price: 90, return_pct: -10 },
    ]);
  });

  it('classifies the final return and flags an unbought winner', () => {
    const outcome = evaluate(barsWithCloses(moreCloses));
    expect(outcome).toMatchObject({
      final: true,
      final_return_pct: 30,
      success: true,
      outcome_category: 'strong',
      bought: false,
      missed_opportunity: true,
      missed_opportunity_level: 'normal',
    });
    const calendar = evaluate(barsWithCloses(moreCloses), AFTER_WINDOW, 'calendar');
    expect(calendar).toMatchObject({ final_return_pct: -10, success: false, outcome_category: 'failed' });
  });

  it('keeps checkpoints pending until their session has a bar', () => {
    const seen = barsWithCloses(closes).filter((bar) => bar.timestamp <= newYorkTime('2024-12-10', 9, 30));
    const outcome = evaluate(seen, newYorkTime('2024-12-10', 16, 0));
    expect(outcome.checkpoints.map((checkpoint) => checkpoint.status)).toEqual([
      'reached',
      'reached',
      'pending',
      'pending',
    ]);
    expect(outcome).toMatchObject({
      final: false,
      final_return_pct: null,
      success: null,
      outcome_category: null,
    });
    expect(outcome.missed_opportunity).toBeNull();
    expect(outcome.metrics_through).toBe('2024-12-10');
  });

  it('ignores bars on the discovery date and before it', () => {
    const bars = [
      dailyBar('2024-11-26', { close: 300 }),
      dailyBar('2024-11-27', { close: 200 }),
      ...flatBars(WINDOW),
    ];
    expect(evaluate(bars).peak_price).toBe(100);
  });
});

describe('peak', () => {
  it('finds a peak on the first session after discovery', () => {
    const bars = flatBars(WINDOW, 100);
    bars[0] = dailyBar('2024-11-29', { open: 100, high: 150, low: 99, close: 120 });
    expect(evaluate(bars)).toMatchObject({
      peak_price: 150,
      peak_session: '2024-11-29',
      days_to_peak: 1,
      peak_return_pct: 50,
    });
    // Calendar basis counts calendar days: Wednesday to Friday.
    expect(evaluate(bars, AFTER_WINDOW, 'calendar').days_to_peak).toBe(2);
  });

  it('takes the first session reaching the highest high', () => {
    const bars = barsWithCloses({ '2024-12-03': 140, '2024-12-10': 140 });
    expect(evaluate(bars)).toMatchObject({ peak_price: 140, peak_session: '2024-12-03', days_to_peak: 3 });
  });

  it('stops at the last checkpoint session', () => {
    const bars = [...flatBars(WINDOW), dailyBar('2025-01-15', { close: 500 })];
    expect(evaluate(bars).peak_price).toBe(100);
  });

  it('reports no peak or drawdown before the first bar', () => {
    expect(evaluate([], newYorkTime('2024-11-27', 16, 0))).toMatchObject({
      peak_price: null,
      days_to_peak: null,
      max_drawdown_pct: null,
      metrics_through: null,
    });
  });
});

describe('max drawdown', () => {
  it('measures a fall after the peak from the peak', () => {
    const bars = flatBars(WINDOW, 100).map((bar) => ({ ...bar, low: 100, high: 100 }));
    bars[1] = dailyBar('2024-12-02', { open: 100, high: 160, low: 100, close: 150 });
    bars[4] = dailyBar('2024-12-05', { open: 130, high: 130, low: 120, close: 125 });
    // From the running high 160 down to 100 on the flat sessions after: 37.5%.
    expect(evaluate(bars).max_drawdown_pct).toBeCloseTo(37.5, 10);
  });

  it('measures from the discovery price when the stock falls first', () => {
    const bars = [
      dailyBar('2024-11-29', { open: 100, high: 100, low: 80, close: 85 }),
      dailyBar('2024-12-02', { open: 85, high: 90, low: 84, close: 88 }),
    ];
    expect(evaluate(bars, newYorkTime('2024-12-03', 9, 0)).max_drawdown_pct).toBeCloseTo(20, 10);
  });

  it('does not let a bar’s own high hide its fall', () => {
    const bars = [dailyBar('2024-11-29', { open: 100, high: 130, low: 90, close: 120 })];
    expect(evaluate(bars, newYorkTime('2024-12-02', 9, 0)).max_drawdown_pct).toBeCloseTo(10, 10);
  });

  it('is 0 when no low falls below the running high', () => {
    const bars = WINDOW.map((session, index) => dailyBar(session, { open: 100 + index, close: 101 + index }));
    expect(evaluate(bars).max_drawdown_pct).toBe(0);
  });
});

describe('finer bars', () => {
  it('prices a checkpoint from aggregated finer bars once the session is over', () => {
    const bars = [
      intradayBar('2024-11-29', 9, 30, { open: 100, high: 112, low: 99, close: 111 }),
      intradayBar('2024-11-29', 12, 55, { open: 111, high: 111, low: 104, close: 105 }),
    ];
    const during = evaluate(bars, newYorkTime('2024-11-29', 13, 0));
    expect(during.checkpoints[0]?.status).toBe('pending');
    expect(during.window_sessions).toEqual([]);
    const after = evaluate(bars, newYorkTime('2024-12-02', 4, 0));
    expect(after.checkpoints[0]).toMatchObject({ status: 'reached', price: 105, return_pct: 5 });
    expect(after).toMatchObject({ peak_price: 112, max_drawdown_pct: 1 });
  });
});

describe('a discovery on a non-session day', () => {
  it('counts from the weekend date: Monday is day 1 and the peak distance starts there', () => {
    const saturday = newYorkTime('2024-06-08', 11, 0);
    const bars = [dailyBar('2024-06-07', { close: 300 }), dailyBar('2024-06-10', { high: 130, close: 120 })];
    const input = { recommendation: recommendationOf(saturday), bars, positions: [], streamTimeMs: saturday };
    const trading = evaluateOutcome(input, { config: createTrackerConfig(), calendar: nyse });
    expect(trading).toMatchObject({ discovery_date: '2024-06-08', peak_price: 130, days_to_peak: 1 });
    expect(trading.checkpoints[0]).toMatchObject({ session: '2024-06-10', price: 120, return_pct: 20 });
    const calendar = evaluateOutcome(input, {
      config: createTrackerConfig({ basis: 'calendar' }),
      calendar: nyse,
    });
    expect(calendar.days_to_peak).toBe(2);
  });
});

describe('recommendation identity and validity', () => {
  it('builds the tracking id from run and symbol', () => {
    expect(trackingIdOf('run-7', 'ACME')).toBe('run-7:ACME');
  });

  it('refuses a recommendation without a usable discovery price', () => {
    const recommendation = { ...recommendationOf(DISCOVERED_AT), discovery_price: 0 };
    expect(recommendationProblem(recommendation)).toMatch(/discovery_price/);
    expect(() =>
      evaluateOutcome({ recommendation, bars: [], positions: [], streamTimeMs: DISCOVERED_AT }),
    ).toThrow(RangeError);
  });
});
