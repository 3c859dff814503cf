import { describe, expect, it } from 'vitest';
import { mapPolygonBars } from '../../../bridges/amc-trader/bars.ts';
import { fixtureText, IMPORT_CONTEXT } from '../../support/amc-trader-fixtures.ts';

const options = { file: 'bars.json', context: IMPORT_CONTEXT };
// 2026-02-11 and 2026-02-12, midnight in New York: Polygon's daily t.
const T1 = Date.parse('2026-02-11T05:00:00Z');
const T2 = Date.parse('2026-02-12T05:00:00Z');

describe('Polygon aggregates as market bars', () => {
  it("maps one ticker's range, t as the bar start, a fractional volume rounded to whole shares", () => {
    const text = JSON.stringify({
      ticker: 'ITUB',
      adjusted: true,
      resultsCount: 2,
      results: [
        { v: 25945919.0, vw: 9.31, o: 9.28, c: 9.35, h: 9.4, l: 9.2, t: T1, n: 1 },
        { v: 1200.6, o: 9.35, c: 9.5, h: 9.55, l: 9.3, t: T2 },
      ],
    });
    const batch = mapPolygonBars(text, options);
    expect(batch.refusals).toEqual([]);
    expect(batch.bars).toEqual([
      {
        symbol: 'ITUB',
        interval: '1d',
        timestamp: T1,
        open: 9.28,
        high: 9.4,
        low: 9.2,
        close: 9.35,
        volume: 25945919,
      },
      {
        symbol: 'ITUB',
        interval: '1d',
        timestamp: T2,
        open: 9.35,
        high: 9.55,
        low: 9.3,
        close: 9.5,
        volume: 1201,
      },
    ]);
  });

  it('maps a grouped daily answer by each result ticker, and refuses a negative price and a crypto pair by line', () => {
    const text = JSON.stringify(
      {
        adjusted: true,
        resultsCount: 3,
        results: [
          { T: 'AEG', v: 100, o: 7.8, c: 7.9, h: 8, l: 7.7, t: T1 },
          { T: 'VLY', v: 100, o: -13.6, c: 13.7, h: 13.8, l: 13.5, t: T1 },
          { T: 'X:BTCUSD', v: 1, o: 1, c: 1, h: 1, l: 1, t: T1 },
        ],
      },
      null,
      2,
    );
    const batch = mapPolygonBars(text, options);
    expect(batch.bars.map((b) => b.symbol)).toEqual(['AEG']);
    expect(batch.refusals.map((r) => [r.file, r.line, r.code])).toEqual([
      ['bars.json', 14, 'NON_POSITIVE_PRICE'],
      ['bars.json', 23, 'BAD_SYMBOL_FORMAT'],
    ]);
    expect(text.split('\n')[14]).toContain('"VLY"');
  });

  it('refuses a bar whose prices contradict each other, as the serde would', () => {
    const text = JSON.stringify({ ticker: 'AAA', results: [{ v: 1, o: 5, c: 5, h: 4, l: 3, t: T1 }] });
    expect(mapPolygonBars(text, options).refusals).toMatchObject([{ code: 'INCONSISTENT_BAR' }]);
  });

  it('refuses a JSON file of another tool as a whole', () => {
    expect(mapPolygonBars(fixtureText('diamonds_v4.json'), options).refusals).toMatchObject([
      { line: 1, code: 'NOT_AN_UPSTREAM_FILE' },
    ]);
  });
});
