import { describe, expect, it } from 'vitest';
import {
  createTrackerConfig,
  evaluateOutcome,
  NYSE_CALENDAR as nyse,
  type PositionSnapshot,
  type TrackerConfigInput,
} from '../../../streams/tracker/domain/index.ts';
import { flatBars, newYorkTime, positionOf, recommendationOf } from './support/market.ts';

// Discovered Wednesday 2024-11-27 at 100; day 30 is 2025-01-14.
const DISCOVERED_AT = newYorkTime('2024-11-27', 10, 0);
const WINDOW = nyse.sessionsBetween('2024-11-29', '2025-01-14');

function outcomeWith(finalClose: number, positions: PositionSnapshot[], config: TrackerConfigInput = {}) {
  const bars = [...flatBars(WINDOW.slice(0, -1)), ...flatBars(WINDOW.slice(-1), finalClose)];
  return evaluateOutcome(
    {
      recommendation: recommendationOf(DISCOVERED_AT),
      bars,
      positions,
      streamTimeMs: newYorkTime('2025-01-21'),
    },
    { config: createTrackerConfig(config), calendar: nyse },
  );
}

describe('bought', () => {
  it('counts a position opened on the discovery date or up to 3 calendar days after', () => {
    expect(outcomeWith(100, [positionOf('2024-11-27')]).bought).toBe(true);
    expect(outcomeWith(100, [positionOf('2024-11-30')])).toMatchObject({
      bought: true,
      bought_entry_date: '2024-11-30',
    });
  });

  it('does not count a position opened before discovery or after the window', () => {
    expect(outcomeWith(100, [positionOf('2024-11-26')]).bought).toBe(false);
    expect(outcomeWith(100, [positionOf('2024-12-01')]).bought).toBe(false);
  });

  it('ignores closed snapshots, unknown entry dates and other symbols', () => {
    const positions = [positionOf('2024-11-28', 0), positionOf(null), positionOf('2024-11-28', 5, 'OTHER')];
    expect(outcomeWith(100, positions).bought).toBe(false);
  });

  it('stays bought after the position is closed again', () => {
    const positions = [positionOf('2024-11-28', 10), positionOf('2024-11-28', 0)];
    expect(outcomeWith(100, positions)).toMatchObject({ bought: true, bought_entry_date: '2024-11-28' });
  });

  it('follows a configured window', () => {
    expect(outcomeWith(100, [positionOf('2024-12-01')], { boughtWindowDays: 4 }).bought).toBe(true);
  });
});

describe('missed opportunity', () => {
  const BOUGHT = [positionOf('2024-11-28')];

  it.each([
    { close: 124.99, bought: false, missed: false, level: null, category: 'strong' },
    { close: 125, bought: false, missed: true, level: 'normal', category: 'strong' },
    { close: 149.99, bought: false, missed: true, level: 'normal', category: 'strong' },
    { close: 150, bought: false, missed: true, level: 'high', category: 'explosive' },
    { close: 125, bought: true, missed: false, level: null, category: 'strong' },
    { close: 150, bought: true, missed: false, level: null, category: 'explosive' },
  ])(
    'close $close, bought $bought → missed $missed ($level)',
    ({ close, bought, missed, level, category }) => {
      const outcome = outcomeWith(close, bought ? BOUGHT : []);
      expect(outcome).toMatchObject({
        bought,
        missed_opportunity: missed,
        missed_opportunity_level: level,
        outcome_category: category,
        success: true,
      });
    },
  );

  it('follows configured thresholds', () => {
    const outcome = outcomeWith(115, [], {
      missedOpportunityReturnPct: 10,
      missedOpportunityHighReturnPct: 15,
    });
    expect(outcome).toMatchObject({ missed_opportunity: true, missed_opportunity_level: 'high' });
  });
});

describe('outcome category cut-offs', () => {
  it.each([
    [150, 'explosive'],
    [120, 'strong'],
    [119.99, 'moderate'],
    [105, 'moderate'],
    [104.99, 'poor'],
    [100, 'poor'],
    [90.01, 'poor'],
    [90, 'failed'],
    [50, 'failed'],
  ])('a day-30 close of %d is %s', (close, category) => {
    expect(outcomeWith(close, []).outcome_category).toBe(category);
  });

  it('says success only for a positive return', () => {
    expect(outcomeWith(100, []).success).toBe(false);
    expect(outcomeWith(100.01, []).success).toBe(true);
  });
});
