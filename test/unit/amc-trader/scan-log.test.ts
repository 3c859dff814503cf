import { describe, expect, it } from 'vitest';
import { mapScanFile } from '../../../bridges/amc-trader/scan-file.ts';
import { mapScanLog } from '../../../bridges/amc-trader/scan-log.ts';
import { fixtureText, IMPORT_CONTEXT } from '../../support/amc-trader-fixtures.ts';

const log = () =>
  mapScanLog(fixtureText('scanner_performance.csv'), {
    file: 'scanner_performance.csv',
    context: IMPORT_CONTEXT,
  });

describe('the scan log (scanner_performance.csv, recorded)', () => {
  it('names 35 scans with 729 candidate rows, one run id per (scan_date, scan_time)', () => {
    const { scans } = log();
    expect(scans).toHaveLength(35);
    expect(scans.reduce((sum, s) => sum + s.rows, 0)).toBe(729);
    expect(new Set(scans.map((s) => s.runId)).size).toBe(35);
  });

  it('keeps repeats minutes apart as runs of their own', () => {
    const march2 = log().runs.filter((r) => r.run_id.startsWith('amc-trader-20260302-'));
    expect(march2.map((r) => r.run_id)).toEqual([
      'amc-trader-20260302-004307',
      'amc-trader-20260302-060048',
      'amc-trader-20260302-063146',
    ]);
    const symbols = march2.map((r) => r.candidates.map((c) => c.symbol));
    expect(symbols[0]).toEqual(['ENSC', 'VEEA', 'EDSA', 'ONMD']);
    expect(symbols[1]).toEqual(symbols[0]);
    expect(symbols[2]).toEqual(symbols[0]);
  });

  it('names the 500-row V4 scan as the JSON import does, and publishes no made-up scores for it', () => {
    const { runs, scans, refusals } = log();
    const v4Id = mapScanFile(fixtureText('diamonds_v4.json'), { file: 'x', context: IMPORT_CONTEXT }).runs[0]!
      .run_id;
    expect(scans.find((s) => s.runId === v4Id)).toEqual({ runId: v4Id, rows: 500, published: false });
    expect(runs.find((r) => r.run_id === v4Id)).toBeUndefined();
    expect(refusals.find((r) => r.code === 'UNSCORED_ROW' && r.rows === 500)).toMatchObject({
      file: 'scanner_performance.csv',
      line: 38,
      lastLine: 537,
    });
    // Neither the V4 scan nor the manual PTNM row (both logged with 0) reach a run.
    for (const run of runs) for (const c of run.candidates) expect(c.composite_score).toBeGreaterThan(0);
  });

  it('publishes the 33 scored scans with their 228 candidates, points over 305 and VIGL from the match level', () => {
    const { runs } = log();
    expect(runs).toHaveLength(33);
    expect(runs.reduce((sum, r) => sum + r.candidates.length, 0)).toBe(228);
    const first = runs.find((r) => r.run_id === 'amc-trader-20260209-132343')!;
    expect(new Date(first.finished_at).toISOString()).toBe('2026-02-09T21:23:43.000Z');
    expect(first.candidates[0]).toMatchObject({
      symbol: 'RIG',
      price: 5.71,
      composite_score: (125 / 305) * 100,
      vigl_score: 0,
      factors: { score_points: 125, vigl_bonus: 0, volume: 180948088 },
    });
    // rvol 0 (not measured) and the never-filled component columns are left out.
    expect(Object.keys(first.candidates[0]!.factors).sort()).toEqual([
      'score_points',
      'vigl_bonus',
      'volume',
    ]);
    const near = runs.find((r) => r.run_id === 'amc-trader-20260210-170413')!.candidates[0]!;
    expect(near).toMatchObject({ symbol: 'RIVN', vigl_score: 10 / 15, factors: { rvol: 1.405309990830557 } });
  });

  it('lists the seven entered rows with their entries and the three exits', () => {
    const { entries } = log();
    expect(entries.map((e) => [e.symbol, e.entryDate, e.entryPrice, e.exitDate, e.line])).toEqual([
      ['RIG', '2026-02-10', 5.345, null, 2],
      ['PTNM', '2026-02-01', 2.2, '2026-02-10', 18],
      ['PAAA', '2026-02-12', 51.395, null, 604],
      ['ENSC', '2026-02-27', 0.667, null, 704],
      ['ENSC', '2026-03-02', 0.5656, '2026-03-02', 714],
      ['TPET', '2026-03-03', 1.96, '2026-03-04', 724],
      ['USEG', '2026-03-04', 1.125, null, 725],
    ]);
    // The thesis keeps what upstream lost ("Entry $5.31" was written as "Entry .31").
    expect(entries[0]!.thesis).toContain('Entry .31, stop .52');
  });

  it('maps the same text to the same records every time: a re-import names the same runs', () => {
    expect(log().runs).toEqual(log().runs);
  });
});

describe('bad rows of the scan log', () => {
  const header = fixtureText('scanner_performance.csv').split('\r\n')[0]!;
  const row = (date: string, time: string, symbol: string, price: string, score: string) =>
    `${date},${time},${symbol},${price},${score},0,0,0,0,0,5,partial,2.5,0,0,1000.0,,No,,,,,,,,,,,,,`;

  it('refuses a negative price, an unknown symbol format and a truncated line by their lines; the rest is published', () => {
    const text = [
      header,
      row('2026-03-10', '06:35:00', 'AAA', '2.5', '150'),
      row('2026-03-10', '06:35:00', 'BBB', '-1.2', '140'),
      row('2026-03-10', '06:35:00', 'X:BTCUSD', '3', '130'),
      '2026-03-10,06:35:00,CCC,4.1,120,0,0',
      row('2026-03-10', '06:35:00', 'DDD', '5', '110'),
      '',
    ].join('\r\n');
    const batch = mapScanLog(text, { file: 'log.csv', context: IMPORT_CONTEXT });
    expect(batch.refusals.map((r) => [r.file, r.line, r.code])).toEqual([
      ['log.csv', 3, 'NON_POSITIVE_PRICE'],
      ['log.csv', 4, 'BAD_SYMBOL_FORMAT'],
      ['log.csv', 5, 'DAMAGED_ROW'],
    ]);
    expect(batch.runs).toHaveLength(1);
    expect(batch.runs[0]!.candidates.map((c) => c.symbol)).toEqual(['AAA', 'DDD']);
    // After the 2026-03-08 change: UTC-07:00.
    expect(new Date(batch.runs[0]!.finished_at).toISOString()).toBe('2026-03-10T13:35:00.000Z');
  });

  it('refuses a CSV of another tool as a whole', () => {
    const batch = mapScanLog(fixtureText('portfolio_tracking.csv'), {
      file: 'p.csv',
      context: IMPORT_CONTEXT,
    });
    expect(batch.runs).toEqual([]);
    expect(batch.refusals).toMatchObject([{ line: 1, code: 'NOT_AN_UPSTREAM_FILE' }]);
  });
});
