import { describe, expect, it } from 'vitest';
import { daysHeld, snapshotInForce, snapshotProblem } from '../../../streams/dips/domain/index.ts';
import { NYSE_CALENDAR } from '../../../streams/tracker/domain/index.ts';
import { snapshot } from './support.ts';

describe('unusable snapshots are dead letters with a reason code', () => {
  it.each([
    [{ avg_entry_price: 0 }, 'NON_POSITIVE_PRICE'],
    [{ avg_entry_price: -3 }, 'NON_POSITIVE_PRICE'],
    [{ avg_entry_price: null as unknown as number }, 'MISSING_VALUE'],
    [{ avg_entry_price: undefined as unknown as number }, 'MISSING_VALUE'],
    [{ avg_entry_price: Number.NaN }, 'NON_FINITE_NUMBER'],
    [{ account_equity: 0 }, 'OUT_OF_RANGE'],
    [{ quantity: -1 }, 'OUT_OF_RANGE'],
    [{ symbol: ' ' }, 'EMPTY_SYMBOL'],
    [{ as_of: Number.POSITIVE_INFINITY }, 'NON_FINITE_NUMBER'],
  ])('%o → %s', (overrides, code) => {
    expect(snapshotProblem(snapshot(overrides))?.code).toBe(code);
  });

  it('accepts an open position, and a closed one whatever its price', () => {
    expect(snapshotProblem(snapshot())).toBeNull();
    expect(snapshotProblem(snapshot({ quantity: 0, avg_entry_price: 0 }))).toBeNull();
  });
});

describe('the snapshot in force at a session', () => {
  const at = (iso: string, overrides = {}) => snapshot({ as_of: Date.parse(iso), ...overrides });

  it('is the latest taken on or before the session’s date (New York)', () => {
    const early = at('2026-03-02T15:00:00Z');
    const sameDayAfterClose = at('2026-03-05T21:30:00Z', { quantity: 200 });
    const nextDay = at('2026-03-06T01:00:00Z', { quantity: 300 }); // 20:00 on the 5th in New York
    const later = at('2026-03-09T15:00:00Z', { quantity: 0 });
    const snapshots = [later, early, sameDayAfterClose, nextDay];
    expect(snapshotInForce(snapshots, '2026-03-04', NYSE_CALENDAR)).toBe(early);
    expect(snapshotInForce(snapshots, '2026-03-05', NYSE_CALENDAR)).toBe(nextDay);
    expect(snapshotInForce(snapshots, '2026-03-09', NYSE_CALENDAR)).toBe(later);
    expect(snapshotInForce(snapshots, '2026-02-27', NYSE_CALENDAR)).toBeNull();
  });

  it('lets a later arrival with the same as_of correct an earlier one', () => {
    const first = at('2026-03-02T15:00:00Z');
    const correction = at('2026-03-02T15:00:00Z', { avg_entry_price: 51 });
    expect(snapshotInForce([first, correction], '2026-03-03', NYSE_CALENDAR)).toBe(correction);
  });
});

describe('days held', () => {
  it('counts calendar days from the entry’s New York date to the session', () => {
    expect(daysHeld(snapshot(), '2026-03-30', NYSE_CALENDAR)).toBe(28);
    expect(daysHeld(snapshot(), '2026-03-02', NYSE_CALENDAR)).toBe(0);
    // Entered at 01:30 UTC on the 3rd: still the 2nd in New York.
    const lateEntry = snapshot({ entry_date: Date.parse('2026-03-03T01:30:00Z') });
    expect(daysHeld(lateEntry, '2026-04-01', NYSE_CALENDAR)).toBe(30);
  });
});
