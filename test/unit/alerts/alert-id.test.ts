import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveAlertId } from '../../../streams/alerts/domain/alert-id.ts';

describe('deriveAlertId', () => {
  it('is stable for the same key, first occurrence and episode', () => {
    const id = deriveAlertId('missed_opportunity:run-1:AAPL', 1_700_000_000_000, 1);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(deriveAlertId('missed_opportunity:run-1:AAPL', 1_700_000_000_000, 1)).toBe(id);
  });

  it('differs when any part differs', () => {
    const base = deriveAlertId('k', 1_000, 1);
    expect(deriveAlertId('k2', 1_000, 1)).not.toBe(base);
    expect(deriveAlertId('k', 1_001, 1)).not.toBe(base);
    expect(deriveAlertId('k', 1_000, 2)).not.toBe(base);
  });

  it('does not confuse where the key ends and the time begins', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.string(), fc.nat(), (keyA, timeA, keyB, timeB) => {
        fc.pre(keyA !== keyB || timeA !== timeB);
        expect(deriveAlertId(keyA, timeA, 1)).not.toBe(deriveAlertId(keyB, timeB, 1));
      }),
    );
    expect(deriveAlertId('a:1', 23, 1)).not.toBe(deriveAlertId('a:12', 3, 1));
  });
});
