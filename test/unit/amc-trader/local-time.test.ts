import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  instantOfWallTime,
  parseInstantArgument,
  UPSTREAM_TIME_ZONE,
  upstreamInstant,
  wallTimeOf,
} from '../../../bridges/amc-trader/local-time.ts';

const iso = (text: string) => {
  const parsed = upstreamInstant(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return new Date(parsed.instant).toISOString();
};

describe('naive America/Los_Angeles times', () => {
  it('reads winter times as UTC-08:00: the V4 scan after the close is the next UTC day', () => {
    expect(iso('2026-02-10 16:46:45')).toBe('2026-02-11T00:46:45.000Z');
  });

  it('reads times after the 2026-03-08 change as UTC-07:00', () => {
    expect(iso('2026-03-09 06:31:46')).toBe('2026-03-09T13:31:46.000Z');
    expect(iso('2026-03-08 03:00:00')).toBe('2026-03-08T10:00:00.000Z');
    expect(iso('2026-03-08 01:59:59')).toBe('2026-03-08T09:59:59.000Z');
  });

  it('refuses a time inside the spring gap, which no Los Angeles clock showed', () => {
    expect(upstreamInstant('2026-03-08 02:30:00')).toMatchObject({ ok: false });
  });

  it('takes the first of the two 01:30s on the November change (PDT, UTC-07:00)', () => {
    expect(iso('2026-11-01 01:30:00')).toBe('2026-11-01T08:30:00.000Z');
    expect(iso('2026-11-01 02:30:00')).toBe('2026-11-01T10:30:00.000Z');
  });

  it('reads a date alone as the start of that day', () => {
    expect(iso('2026-02-10')).toBe('2026-02-10T08:00:00.000Z');
  });

  it('refuses impossible dates and other text', () => {
    for (const text of ['2026-02-30 10:00:00', '2026-02-10 24:00:00', 'yesterday', '10/02/2026']) {
      expect(upstreamInstant(text)).toMatchObject({ ok: false });
    }
  });

  it('takes ISO-8601 with an offset as given, and a naive time as Los Angeles', () => {
    expect(parseInstantArgument('2026-03-06T22:18:13Z')).toEqual({
      ok: true,
      instant: Date.parse('2026-03-06T22:18:13Z'),
    });
    expect(parseInstantArgument('2026-03-06T14:18:13-08:00')).toEqual({
      ok: true,
      instant: Date.parse('2026-03-06T22:18:13Z'),
    });
    expect(parseInstantArgument('2026-03-06T14:18:13')).toEqual({
      ok: true,
      instant: Date.parse('2026-03-06T22:18:13Z'),
    });
    expect(parseInstantArgument('next tuesday')).toMatchObject({ ok: false });
  });

  it('round-trips every second: the wall time of the answer is the wall time asked for, and no later instant shows it first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }),
        (seconds) => {
          const instant = seconds * 1000;
          const wall = wallTimeOf(instant, UPSTREAM_TIME_ZONE);
          const back = instantOfWallTime(wall, UPSTREAM_TIME_ZONE);
          expect(back).toBeDefined();
          expect(wallTimeOf(back!, UPSTREAM_TIME_ZONE)).toEqual(wall);
          // Equal, or the earlier of the repeated autumn hour (exactly one hour before).
          expect([0, 3_600_000]).toContain(instant - back!);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
