import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../streams/shared/format-number.ts';

describe('formatNumber', () => {
  it.each([
    [1_500_000, 2, '1,500,000'],
    [41.156, 2, '41.16'],
    [-16, 2, '-16'],
    [29.4, 0, '29'],
  ])('%d with at most %d decimals is %s', (value, digits, text) => {
    expect(formatNumber(value, digits)).toBe(text);
  });
});
