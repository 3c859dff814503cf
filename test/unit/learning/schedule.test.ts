import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEARNING_CONFIG,
  localDateOf,
  localDaysBefore,
  nextScheduledCycle,
  scheduledCycleId,
  zonedInstant,
} from '../../../streams/learning/domain/index.ts';

const schedule = DEFAULT_LEARNING_CONFIG.schedule;
const at = (iso: string) => Date.parse(iso);

// 2026: New York springs forward on Sunday 8 March and falls back on Sunday 1 November.
describe('the weekly schedule (Monday 07:00 America/New_York by default)', () => {
  it('is 12:00 UTC in winter and 11:00 UTC in summer', () => {
    expect(nextScheduledCycle(at('2026-03-02T11:59:59.999Z'), schedule)).toBe(at('2026-03-02T12:00:00Z'));
    expect(nextScheduledCycle(at('2026-03-02T12:00:00Z'), schedule)).toBe(at('2026-03-09T11:00:00Z'));
    expect(nextScheduledCycle(at('2026-10-26T11:00:00Z'), schedule)).toBe(at('2026-11-02T12:00:00Z'));
  });

  it('from any day of the week, the coming Monday', () => {
    expect(nextScheduledCycle(at('2026-03-04T15:00:00Z'), schedule)).toBe(at('2026-03-09T11:00:00Z'));
    // Sunday 23:30 in New York is already Monday in UTC.
    expect(nextScheduledCycle(at('2026-03-09T03:30:00Z'), schedule)).toBe(at('2026-03-09T11:00:00Z'));
  });

  it('is exactly one week apart, or one week plus or minus the hour DST moves', () => {
    let instant = at('2026-01-01T00:00:00Z');
    const gaps = new Set<number>();
    for (let week = 0; week < 60; week++) {
      const next = nextScheduledCycle(instant, schedule);
      if (week > 0) gaps.add((next - instant) / 3_600_000);
      expect(new Date(next).getUTCDay()).toBe(1);
      instant = next;
    }
    expect([...gaps].sort()).toEqual([167, 168, 169]);
  });

  it('follows another zone and weekday when configured', () => {
    const london = { ...schedule, weekday: 5, hour: 18, minute: 30, timeZone: 'Europe/London' };
    expect(nextScheduledCycle(at('2026-07-01T00:00:00Z'), london)).toBe(at('2026-07-03T17:30:00Z'));
  });

  it('names a scheduled cycle by its local date', () => {
    expect(scheduledCycleId(at('2026-03-09T11:00:00Z'), schedule.timeZone)).toBe('weekly-2026-03-09');
  });
});

describe('local time', () => {
  it('reads local dates in the zone', () => {
    expect(localDateOf(at('2026-03-09T03:30:00Z'), 'America/New_York')).toBe('2026-03-08');
  });

  it('a time skipped by DST lands just after the change; a time that occurs twice is the earlier', () => {
    expect(zonedInstant('2026-03-08', 2.5 * 3_600_000, 'America/New_York')).toBe(at('2026-03-08T07:30:00Z'));
    expect(zonedInstant('2026-11-01', 1.5 * 3_600_000, 'America/New_York')).toBe(at('2026-11-01T05:30:00Z'));
    expect(zonedInstant('2026-07-01', 7 * 3_600_000, 'America/New_York')).toBe(at('2026-07-01T11:00:00Z'));
  });

  it('a window start is the same local time whole days earlier', () => {
    expect(localDaysBefore(at('2026-03-09T11:00:00Z'), 7, 'America/New_York')).toBe(
      at('2026-03-02T12:00:00Z'),
    );
    expect(localDaysBefore(at('2026-03-09T11:00:00Z'), 91, 'America/New_York')).toBe(
      at('2025-12-08T12:00:00Z'),
    );
  });
});
