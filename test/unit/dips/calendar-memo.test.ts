import { describe, expect, it } from 'vitest';
import { rememberingCalendar } from '../../../streams/dips/domain/index.ts';
import { type ExchangeCalendar, NYSE_CALENDAR } from '../../../streams/tracker/domain/index.ts';

describe('the remembering calendar', () => {
  it('answers as the calendar does', () => {
    const remembering = rememberingCalendar(NYSE_CALENDAR);
    for (const date of ['2026-04-02', '2026-04-03', '2026-04-06', '2026-12-25']) {
      expect(remembering.isSession(date)).toBe(NYSE_CALENDAR.isSession(date));
      expect(remembering.nthSessionAfter(date, -20)).toBe(NYSE_CALENDAR.nthSessionAfter(date, -20));
      expect(remembering.previousSession(date)).toBe(NYSE_CALENDAR.previousSession(date));
    }
    const instant = Date.parse('2026-03-09T03:30:00Z'); // the evening of the 8th in New York
    expect(remembering.sessionDateOf(instant)).toBe('2026-03-08');
  });

  it('asks the calendar once per question, and starts over past its bound', () => {
    let asked = 0;
    const counting: ExchangeCalendar = {
      ...NYSE_CALENDAR,
      sessionDateOf: (ms: number) => {
        asked++;
        return NYSE_CALENDAR.sessionDateOf(ms);
      },
    };
    const remembering = rememberingCalendar(counting, 2);
    remembering.sessionDateOf(1);
    remembering.sessionDateOf(1);
    remembering.sessionDateOf(2);
    expect(asked).toBe(2);
    remembering.sessionDateOf(3); // the bound is reached: memory starts over
    remembering.sessionDateOf(1);
    expect(asked).toBe(4);
  });
});
