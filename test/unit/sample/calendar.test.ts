import { describe, expect, it } from 'vitest';
import { generateSampleMarket } from '../../../sample/market.ts';
import { sampleOptions } from '../../../sample/options.ts';
import { createExchangeCalendar, NYSE_CALENDAR } from '../../../streams/tracker/domain/index.ts';

const OPTIONS = sampleOptions({ symbols: 20, sessions: 45, seed: 3, start: '2026-03-02' });

describe('the sample market on a configured calendar', () => {
  it('trades on none of the extra closures, and the sessions after one move on by a day', () => {
    const closed = createExchangeCalendar({ extraClosures: ['2026-03-11'] });
    const nyse = generateSampleMarket(OPTIONS, 0, NYSE_CALENDAR);
    const market = generateSampleMarket(OPTIONS, 0, closed);
    expect(nyse.sessions.slice(6, 9)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(market.sessions.slice(6, 9)).toEqual(['2026-03-10', '2026-03-12', '2026-03-13']);
    const barDates = new Set(market.bars.map((b) => closed.sessionDateOf(b.timestamp)));
    expect(barDates.has('2026-03-11')).toBe(false);
    expect(market.runs.map((r) => closed.sessionDateOf(r.finished_at))).not.toContain('2026-03-11');
  });

  it('stamps its records at the local times of the calendar’s own time zone', () => {
    const tokyo = createExchangeCalendar({ timeZone: 'Asia/Tokyo', holidays: [] });
    const market = generateSampleMarket(OPTIONS, 0, tokyo);
    // The first session, Monday 2 March 2026: 09:30 and 16:30 in Tokyo (UTC+9, no DST).
    expect(market.bars[0]!.timestamp).toBe(Date.parse('2026-03-02T00:30:00Z'));
    expect(market.runs[0]!.finished_at).toBe(Date.parse('2026-03-02T07:30:00Z'));
  });
});
