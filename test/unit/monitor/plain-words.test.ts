import { describe, expect, it } from 'vitest';
import { fractionOf, plainNumber } from '../../../streams/monitor/domain/index.ts';

describe('numbers in plain words', () => {
  it.each([
    [21_000, '21,000'],
    [240.4, '240'],
    [3.456, '3.46'],
    [0.5, '0.5'],
    [-1_250, '-1,250'],
  ])('%d reads %s', (value, text) => {
    expect(plainNumber(value)).toBe(text);
  });

  it.each([
    [0.24, 'a quarter of'],
    [0.25, 'a quarter of'],
    [0.1, 'a tenth of'],
    [0.2, 'a fifth of'],
    [0.34, 'a third of'],
    [0.5, 'half of'],
    [0.7, 'two thirds of'],
    [0.38, '38% of'],
    [0.05, '5% of'],
  ])('a ratio of %d is %s', (ratio, words) => {
    expect(fractionOf(ratio)).toBe(words);
  });
});
