import { describe, expect, it } from 'vitest';
import {
  createTrackerConfig,
  evaluateOutcome,
  NYSE_CALENDAR as nyse,
  type PriceBar,
  type TrackerConfigInput,
} from '../../../streams/tracker/domain/index.ts';
import { flatBars, newYorkTime, recommendationOf } from './support/market.ts';

// Discovered Wednesday 2024-11-27; checkpoints on 11-29, 12-09, 12-18 and 2025-01-14.
const DISCOVERED_AT = newYorkTime('2024-11-27', 10, 0);

function evaluate(bars: PriceBar[], streamTimeMs: number, config: TrackerConfigInput = {}) {
  return evaluateOutcome(
    { recommendation: recommendationOf(DISCOVERED_AT), bars, positions: [], streamTimeMs },
    { config: createTrackerConfig(config), calendar: nyse },
  );
}

describe('a halted symbol', () => {
  // Trades until Tue 12-03, halted through Wed 12-11, resumes Thu 12-12: day 7 (12-09) has no bar.
  const bars = [
    ...flatBars(nyse.sessionsBetween('2024-11-29', '2024-12-03')),
    ...flatBars(nyse.sessionsBetween('2024-12-12', '2024-12-13'), 90),
  ];

  it('keeps the checkpoint pending during the grace period', () => {
    // Grace of 3 sessions after 12-09 runs through Thu 12-12.
    const outcome = evaluate(bars.slice(0, 3), newYorkTime('2024-12-12', 16, 0));
    expect(outcome.checkpoints[1]?.status).toBe('pending');
  });

  it('marks it missing as halted once trading resumed and the grace passed', () => {
    const outcome = evaluate(bars, newYorkTime('2024-12-13', 16, 0));
    expect(outcome.checkpoints[1]).toEqual({
      days: 7,
      session: '2024-12-09',
      status: 'missing',
      price: null,
      return_pct: null,
      missing_reason: 'halted',
      last_bar_session: '2024-12-03',
      resumed_session: '2024-12-12',
    });
    expect(outcome.final).toBe(false);
  });

  it('says no_data while the symbol has not traded again', () => {
    const outcome = evaluate(bars.slice(0, 3), newYorkTime('2024-12-13', 8, 0));
    expect(outcome.checkpoints[1]).toMatchObject({
      status: 'missing',
      missing_reason: 'no_data',
      last_bar_session: '2024-12-03',
      resumed_session: null,
    });
  });

  it('follows a configured grace period', () => {
    const outcome = evaluate(bars.slice(0, 3), newYorkTime('2024-12-10', 8, 0), { missingGraceSessions: 0 });
    expect(outcome.checkpoints[1]?.status).toBe('missing');
    const stillInGrace = evaluate(bars.slice(0, 3), newYorkTime('2024-12-09', 20, 0), {
      missingGraceSessions: 0,
    });
    expect(stillInGrace.checkpoints[1]?.status).toBe('pending');
  });

  it('never makes up a price for the missing session', () => {
    const outcome = evaluate(bars, newYorkTime('2024-12-13', 16, 0));
    expect(outcome.window_sessions.map((session) => session.session)).not.toContain('2024-12-09');
    expect(outcome.max_drawdown_pct).toBeCloseTo(10, 10);
  });
});

describe('a delisted symbol', () => {
  const bars = flatBars(nyse.sessionsBetween('2024-11-29', '2024-12-03'));

  it('marks every later checkpoint missing with no_data and the last session that had a bar', () => {
    const outcome = evaluate(bars, newYorkTime('2025-01-21', 16, 0));
    expect(outcome.checkpoints.map((c) => [c.status, c.missing_reason, c.last_bar_session])).toEqual([
      ['reached', null, null],
      ['missing', 'no_data', '2024-12-03'],
      ['missing', 'no_data', '2024-12-03'],
      ['missing', 'no_data', '2024-12-03'],
    ]);
  });

  it('is final without a return, a category or a missed-opportunity verdict', () => {
    const outcome = evaluate(bars, newYorkTime('2025-01-21', 16, 0));
    expect(outcome).toMatchObject({
      final: true,
      final_return_pct: null,
      success: null,
      outcome_category: null,
      missed_opportunity: null,
      peak_price: 100,
    });
  });

  it('is not final while the last checkpoint is still within its grace', () => {
    // 2025-01-14 plus 3 sessions is 01-17; stream time on 01-17 has not passed it.
    expect(evaluate(bars, newYorkTime('2025-01-17', 16, 0)).final).toBe(false);
    expect(evaluate(bars, newYorkTime('2025-01-18', 0, 1)).final).toBe(true);
  });

  it('says no_data with no last session when the symbol never traded', () => {
    const outcome = evaluate([], newYorkTime('2025-01-21', 16, 0));
    expect(outcome.checkpoints[0]).toMatchObject({ missing_reason: 'no_data', last_bar_session: null });
    expect(outcome.max_drawdown_pct).toBeNull();
  });
});
