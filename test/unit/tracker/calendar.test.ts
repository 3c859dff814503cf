import { describe, expect, it } from 'vitest';
import {
  createExchangeCalendar,
  easterSunday,
  InvalidIsoDateError,
  NYSE_CALENDAR as nyse,
  nyseHolidaysOf,
} from '../../../streams/tracker/domain/index.ts';

describe('NYSE holidays by rule', () => {
  it('lists the 2024 holidays', () => {
    expect(nyseHolidaysOf(2024)).toEqual([
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-03-29',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-11-28',
      '2024-12-25',
    ]);
  });

  it('computes Easter by the Gregorian computus', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2008)).toBe('2008-03-23');
  });

  it('closes on Good Friday', () => {
    expect(nyse.isSession('2024-03-29')).toBe(false);
    expect(nyse.isSession('2025-04-18')).toBe(false);
    expect(nyse.isSession('2025-04-17')).toBe(true);
  });

  it('observes a Saturday Independence Day on the Friday before', () => {
    expect(nyse.isSession('2026-07-03')).toBe(false);
    expect(nyse.isSession('2026-07-06')).toBe(true);
  });

  it('observes a Sunday holiday on the Monday after', () => {
    expect(nyse.isSession('2023-01-02')).toBe(false); // New Year's Day 2023 was a Sunday
    expect(nyse.isSession('2022-06-20')).toBe(false); // Juneteenth 2022 was a Sunday
    expect(nyse.isSession('2022-12-26')).toBe(false); // Christmas 2022 was a Sunday
  });

  it('does not close Friday Dec 31 when Jan 1 falls on a Saturday', () => {
    expect(nyse.isSession('2021-12-31')).toBe(true);
    expect(nyse.isSession('2021-12-24')).toBe(false); // Christmas 2021 was a Saturday
  });

  it('closes for Juneteenth only from 2022, and for MLK Day only from 1998', () => {
    expect(nyse.isSession('2021-06-18')).toBe(true);
    expect(nyse.isSession('2024-06-19')).toBe(false);
    expect(nyse.isSession('2027-06-18')).toBe(false); // Saturday Juneteenth observed Friday
    expect(nyse.isSession('1997-01-20')).toBe(true);
    expect(nyse.isSession('1998-01-19')).toBe(false);
  });

  it('closes on Thanksgiving, Labor Day, Memorial Day and Washington’s Birthday', () => {
    for (const date of ['2025-11-27', '2025-09-01', '2025-05-26', '2025-02-17']) {
      expect(nyse.isSession(date), date).toBe(false);
    }
    expect(nyse.isSession('2025-11-28')).toBe(true); // the day after Thanksgiving trades (early close)
  });

  it('includes the listed special closures', () => {
    expect(nyse.isSession('2025-01-09')).toBe(false);
    expect(nyse.isSession('2012-10-29')).toBe(false);
  });

  it('never trades on weekends', () => {
    expect(nyse.isSession('2024-06-08')).toBe(false);
    expect(nyse.isSession('2024-06-09')).toBe(false);
  });
});

describe('session arithmetic', () => {
  it('steps over the Thanksgiving gap', () => {
    expect(nyse.nextSession('2024-11-27')).toBe('2024-11-29');
    expect(nyse.previousSession('2024-11-29')).toBe('2024-11-27');
    expect(nyse.sessionOnOrAfter('2024-11-28')).toBe('2024-11-29');
    expect(nyse.sessionOnOrBefore('2024-11-28')).toBe('2024-11-27');
    expect(nyse.sessionOnOrAfter('2024-11-27')).toBe('2024-11-27');
  });

  it('counts the Nth session forwards, backwards and zero', () => {
    expect(nyse.nthSessionAfter('2024-11-27', 30)).toBe('2025-01-14');
    expect(nyse.nthSessionAfter('2024-04-01', -1)).toBe('2024-03-28');
    expect(nyse.nthSessionAfter('2024-06-08', 0)).toBe('2024-06-08');
  });

  it('lists sessions between two dates inclusive', () => {
    expect(nyse.sessionsBetween('2024-03-27', '2024-04-02')).toEqual([
      '2024-03-27',
      '2024-03-28',
      '2024-04-01',
      '2024-04-02',
    ]);
    expect(nyse.sessionsBetween('2024-04-02', '2024-03-27')).toEqual([]);
  });

  it('counts sessions in (from, to] and calendar days, signed', () => {
    expect(nyse.sessionCountBetween('2024-11-27', '2024-12-02')).toBe(2);
    expect(nyse.sessionCountBetween('2024-12-02', '2024-11-27')).toBe(-2);
    expect(nyse.sessionCountBetween('2024-06-08', '2024-06-08')).toBe(0);
    expect(nyse.calendarDaysBetween('2024-11-27', '2024-12-02')).toBe(5);
    expect(nyse.calendarDaysBetween('2024-12-31', '2024-12-01')).toBe(-30);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => nyse.isSession('2024-02-30')).toThrow(InvalidIsoDateError);
    expect(() => nyse.nextSession('2024/01/02')).toThrow(InvalidIsoDateError);
    expect(() => nyse.nthSessionAfter('2024-01-02', 1.5)).toThrow(RangeError);
  });
});

describe('sessionDateOf', () => {
  it('reads the date in New York, not UTC', () => {
    // 23:30 New York on Friday 2024-03-08 is already Saturday in UTC.
    expect(nyse.sessionDateOf(Date.UTC(2024, 2, 9, 4, 30))).toBe('2024-03-08');
    // 00:30 UTC on a summer day is still the previous evening in New York (EDT).
    expect(nyse.sessionDateOf(Date.UTC(2024, 6, 2, 0, 30))).toBe('2024-07-01');
  });

  it('follows daylight saving changes', () => {
    // Spring forward: midnight New York is 05:00 UTC before, 04:00 UTC after.
    expect(nyse.sessionDateOf(Date.UTC(2024, 2, 10, 4, 59))).toBe('2024-03-09');
    expect(nyse.sessionDateOf(Date.UTC(2024, 2, 10, 5, 0))).toBe('2024-03-10');
    expect(nyse.sessionDateOf(Date.UTC(2024, 2, 11, 3, 59))).toBe('2024-03-10');
    expect(nyse.sessionDateOf(Date.UTC(2024, 2, 11, 4, 0))).toBe('2024-03-11');
    // Fall back.
    expect(nyse.sessionDateOf(Date.UTC(2024, 10, 3, 3, 59))).toBe('2024-11-02');
    expect(nyse.sessionDateOf(Date.UTC(2024, 10, 4, 4, 59))).toBe('2024-11-03');
    expect(nyse.sessionDateOf(Date.UTC(2024, 10, 4, 5, 0))).toBe('2024-11-04');
  });

  it('uses a configured time zone', () => {
    const tokyo = createExchangeCalendar({ timeZone: 'Asia/Tokyo', holidays: [] });
    expect(tokyo.sessionDateOf(Date.UTC(2024, 2, 8, 15, 30))).toBe('2024-03-09');
    expect(() => createExchangeCalendar({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
  });
});

describe('configurable holidays', () => {
  it('adds extra closures to the rules', () => {
    const calendar = createExchangeCalendar({ extraClosures: ['2024-11-29'] });
    expect(calendar.isSession('2024-11-29')).toBe(false);
    expect(calendar.isSession('2024-11-28')).toBe(false);
    expect(calendar.nextSession('2024-11-27')).toBe('2024-12-02');
  });

  it('replaces the rules with an explicit list', () => {
    const calendar = createExchangeCalendar({ holidays: ['2024-12-25'] });
    expect(calendar.isSession('2024-11-28')).toBe(true);
    expect(calendar.isSession('2025-01-09')).toBe(true);
    expect(calendar.isSession('2024-12-25')).toBe(false);
    expect(calendar.isSession('2024-12-28')).toBe(false); // still a Saturday
  });

  it('rejects dates that are not ISO dates', () => {
    expect(() => createExchangeCalendar({ extraClosures: ['29/11/2024'] })).toThrow(/extraClosures/);
    expect(() => createExchangeCalendar({ holidays: ['2024-13-01'] })).toThrow(/holidays/);
  });
});
