import { describe, expect, it } from 'vitest';
import {
  checkpointSchedule,
  createTrackerConfig,
  discoveryDateOf,
  NYSE_CALENDAR as nyse,
  TrackerConfigError,
} from '../../../streams/tracker/domain/index.ts';
import { newYorkTime } from './support/market.ts';

const DEFAULT_DAYS = [1, 7, 14, 30];

function sessionsOf(discoveryDate: string, basis: 'trading' | 'calendar'): string[] {
  return checkpointSchedule(discoveryDate, DEFAULT_DAYS, basis, nyse).map((checkpoint) => checkpoint.session);
}

describe('checkpoint sessions, trading basis', () => {
  it('counts sessions across Thanksgiving, Christmas, New Year and a special closure', () => {
    // Discovered Wednesday before Thanksgiving: Thu 11-28, Dec 25, Jan 1 and Jan 9 2025 are closed.
    expect(sessionsOf('2024-11-27', 'trading')).toEqual([
      '2024-11-29',
      '2024-12-09',
      '2024-12-18',
      '2025-01-14',
    ]);
  });

  it('skips Good Friday', () => {
    expect(sessionsOf('2024-03-28', 'trading')[0]).toBe('2024-04-01');
  });

  it('skips Juneteenth', () => {
    expect(sessionsOf('2024-06-18', 'trading')[0]).toBe('2024-06-20');
  });

  it('skips a Saturday Independence Day observed on Friday', () => {
    expect(sessionsOf('2026-07-02', 'trading')[0]).toBe('2026-07-06');
  });

  it('counts from a weekend discovery date: the first session after it is day 1', () => {
    expect(sessionsOf('2024-06-08', 'trading')).toEqual([
      '2024-06-10',
      '2024-06-18',
      '2024-06-28',
      '2024-07-23',
    ]);
  });
});

describe('checkpoint sessions, calendar basis', () => {
  it('takes the first session on or after discovery + N days', () => {
    // +1 = Thanksgiving → Fri; +7 = Wed 12-04; +14 = Wed 12-11; +30 = Fri 12-27.
    expect(sessionsOf('2024-11-27', 'calendar')).toEqual([
      '2024-11-29',
      '2024-12-04',
      '2024-12-11',
      '2024-12-27',
    ]);
  });

  it('rolls a checkpoint landing on Good Friday to Monday', () => {
    expect(sessionsOf('2024-03-28', 'calendar')).toEqual([
      '2024-04-01',
      '2024-04-04',
      '2024-04-11',
      '2024-04-29',
    ]);
  });

  it('rolls a checkpoint landing on an observed holiday', () => {
    expect(sessionsOf('2026-07-02', 'calendar')[0]).toBe('2026-07-06');
    expect(sessionsOf('2024-06-18', 'calendar')[0]).toBe('2024-06-20');
  });

  it('counts calendar days from a weekend discovery date', () => {
    // +1 = Sunday → Monday; +7 = Saturday → Monday; +14 = Saturday → Monday; +30 = Monday 07-08.
    expect(sessionsOf('2024-06-08', 'calendar')).toEqual([
      '2024-06-10',
      '2024-06-17',
      '2024-06-24',
      '2024-07-08',
    ]);
  });
});

describe('discovery date', () => {
  it('is the New York date of the discovery instant', () => {
    expect(discoveryDateOf(newYorkTime('2024-03-08', 23, 30), nyse)).toBe('2024-03-08');
    expect(discoveryDateOf(newYorkTime('2024-03-11', 0, 5), nyse)).toBe('2024-03-11');
  });

  it('stays a non-session date when discovered on a weekend or holiday', () => {
    expect(discoveryDateOf(newYorkTime('2024-11-28', 12, 0), nyse)).toBe('2024-11-28');
  });
});

describe('tracker config', () => {
  it('defaults to DESIGN.md', () => {
    const config = createTrackerConfig();
    expect(config.checkpoints).toEqual(DEFAULT_DAYS);
    expect(config.basis).toBe('trading');
    expect(config.missingGraceSessions).toBe(3);
    expect(config.boughtWindowDays).toBe(3);
    expect(config.categoryCutoffs).toEqual({ explosive: 50, strong: 20, moderate: 5, failed: -10 });
    expect(Object.isFrozen(config.categoryCutoffs)).toBe(true);
  });

  it('overlays partial input', () => {
    const config = createTrackerConfig({ basis: 'calendar', categoryCutoffs: { explosive: 80 } });
    expect(config.basis).toBe('calendar');
    expect(config.categoryCutoffs.explosive).toBe(80);
    expect(config.categoryCutoffs.strong).toBe(20);
  });

  it('names the bad key', () => {
    expect(() => createTrackerConfig({ checkpoints: [7, 1] })).toThrow(TrackerConfigError);
    expect(() => createTrackerConfig({ checkpoints: [] })).toThrow(/checkpoints/);
    expect(() => createTrackerConfig({ missingGraceSessions: -1 })).toThrow(/missingGraceSessions/);
    expect(() => createTrackerConfig({ categoryCutoffs: { strong: 60 } })).toThrow(/categoryCutoffs/);
    expect(() => createTrackerConfig({ missedOpportunityHighReturnPct: 10 })).toThrow(
      /missedOpportunityHigh/,
    );
  });
});
