/**
 * Numbers as people read them in recommendations: thousands separated, few
 * decimals, and a ratio as the simple fraction it is close to ("a quarter of").
 * The records keep the raw values; these are only for text.
 */

import { formatNumber } from '../../shared/format-number.ts';

/** 21000 → "21,000"; 240.4 → "240"; 3.456 → "3.46". */
export function plainNumber(value: number): string {
  return formatNumber(value, Math.abs(value) >= 100 ? 0 : 2);
}

const FRACTIONS: readonly (readonly [number, string])[] = [
  [1 / 10, 'a tenth'],
  [1 / 5, 'a fifth'],
  [1 / 4, 'a quarter'],
  [1 / 3, 'a third'],
  [1 / 2, 'half'],
  [2 / 3, 'two thirds'],
  [3 / 4, 'three quarters'],
];

/** How close (relative) a ratio must be to a simple fraction to be called by it. */
const FRACTION_TOLERANCE = 0.1;

/** 0.24 → "a quarter of"; 0.5 → "half of"; 0.38 → "38% of". */
export function fractionOf(ratio: number): string {
  for (const [fraction, words] of FRACTIONS) {
    if (Math.abs(ratio - fraction) <= fraction * FRACTION_TOLERANCE) return `${words} of`;
  }
  return `${Math.round(ratio * 100)}% of`;
}

/** 1 → "1 candidate"; 2 → "2 candidates". */
export function countOf(count: number, noun: string): string {
  return `${plainNumber(count)} ${noun}${count === 1 ? '' : 's'}`;
}
