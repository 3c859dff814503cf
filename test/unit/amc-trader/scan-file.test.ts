import { describe, expect, it } from 'vitest';
import { mapScanFile } from '../../../bridges/amc-trader/scan-file.ts';
import { parseScannerWeights } from '../../../bridges/amc-trader/weights.ts';
import { fixtureText, IMPORT_CONTEXT } from '../../support/amc-trader-fixtures.ts';

const v4 = () =>
  mapScanFile(fixtureText('diamonds_v4.json'), { file: 'diamonds_v4.json', context: IMPORT_CONTEXT });
const USEG_SCAN = Date.parse('2026-03-06T22:18:13Z');

describe('a V4 scan file (diamonds_v4.json, recorded)', () => {
  it('is one run of 500 candidates, finished at 2026-02-10 16:46:45 Los Angeles', () => {
    const batch = v4();
    expect(batch.refusals).toEqual([]);
    expect(batch.runs).toHaveLength(1);
    const run = batch.runs[0]!;
    expect(run.run_id).toBe('amc-trader-20260210-164645');
    expect(new Date(run.finished_at).toISOString()).toBe('2026-02-11T00:46:45.000Z');
    expect(run.started_at).toBe(run.finished_at);
    expect(run.candidates).toHaveLength(500);
    expect(new Set(run.candidates.map((c) => c.symbol)).size).toBe(500);
  });

  it('has its gates as stages with 1374/500/500 passing, untimed', () => {
    const stages = v4().runs[0]!.stages;
    expect(stages.map((s) => [s.name, s.symbols_in, s.symbols_out, s.duration_ms])).toEqual([
      ['gate_a_universe_filter', 1374, 1374, null],
      ['gate_b_stealth_detection_window', 1374, 500, null],
      ['gate_c_accumulation_scoring', 500, 500, null],
    ]);
  });

  it('keeps the total_score as the 0-100 composite: ITUB first at 56.99, components as factors, no VIGL', () => {
    const [top, second] = v4().runs[0]!.candidates;
    expect(top).toMatchObject({
      symbol: 'ITUB',
      price: 9.3,
      composite_score: 56.99,
      vigl_score: 0,
      thesis: null,
    });
    expect(top!.factors).toMatchObject({
      stealth_accumulation: 13.84,
      small_cap_potential: 16.77,
      coiling_pattern: 6.13,
      volume_quality: 5.96,
      sustained_14day: 14.29,
      explosion_probability: 63.5,
    });
    expect(second).toMatchObject({ symbol: 'AEG', composite_score: 56.26 });
  });

  it("leaves out rvol, which is the scanner's 1.0 fallback on every candidate", () => {
    for (const c of v4().runs[0]!.candidates) expect(c.factors).not.toHaveProperty('rvol');
  });

  it("passes Polygon's preferred-share ticker through as the bars will name it", () => {
    expect(v4().runs[0]!.candidates.map((c) => c.symbol)).toContain('ORCLpD');
  });

  it('caps a total above 100 (base plus VIGL bonus) at 100 and reads the bonus as VIGL', () => {
    const text = JSON.stringify({
      scan_date: '2026-03-10',
      scan_time: '06:35:00',
      gates: {},
      candidates: [{ symbol: 'ABC', price: 2, total_score: 104, vigl_bonus: 10, components: {} }],
    });
    const run = mapScanFile(text, { file: 'x.json', context: IMPORT_CONTEXT }).runs[0]!;
    expect(run.candidates[0]).toMatchObject({ composite_score: 100, vigl_score: 10 / 15 });
    // After the March change the offset is -07:00.
    expect(new Date(run.finished_at).toISOString()).toBe('2026-03-10T13:35:00.000Z');
  });
});

describe('a V3 scan file (diamonds.json, recorded)', () => {
  it('is refused as a whole without a scan time', () => {
    const batch = mapScanFile(fixtureText('diamonds.json'), {
      file: 'diamonds.json',
      context: IMPORT_CONTEXT,
    });
    expect(batch.runs).toEqual([]);
    expect(batch.refusals).toMatchObject([{ file: 'diamonds.json', line: 1, code: 'BAD_TIME' }]);
  });

  it('with --scanned-at is the scan log run of 14:18:13: points over 305, thesis from the catalyst, weights as parameters', () => {
    const weights = parseScannerWeights(fixtureText('scanner_weights.json'));
    if (!weights.ok) throw new Error(weights.message);
    const batch = mapScanFile(fixtureText('diamonds.json'), {
      file: 'diamonds.json',
      context: IMPORT_CONTEXT,
      scannedAt: USEG_SCAN,
      weights: weights.weights,
    });
    expect(batch.refusals).toEqual([]);
    const run = batch.runs[0]!;
    expect(run.run_id).toBe('amc-trader-20260306-141813');
    expect(run.candidates).toEqual([
      {
        symbol: 'USEG',
        price: 1.15,
        composite_score: (120 / 305) * 100,
        vigl_score: 0,
        factors: {
          score_points: 120,
          rvol: 1.0951575744598687,
          volume: 22829335,
          gap_pct: 0,
          days_to_cover: 3.94,
          short_ratio: 22.47,
          gross_score: 120,
          penalties: 0,
          vigl_bonus: 0,
        },
        thesis: 'Geopolitical conflict driving energy rally directly benefits oil companies. (LLM: 7/10)',
      },
    ]);
    expect(run.parameters).toMatchObject({
      'float.ultra_tiny': 60,
      'vigl.perfect': 15,
      squeeze_jackpot_bonus: 15,
    });
    expect(run.parameters).not.toHaveProperty('version');
  });

  it('accepts an older file without gross_score, penalties or squeeze fields, reading VIGL from the match level', () => {
    const text = JSON.stringify([{ symbol: 'AAA', price: 3, score: 183, vigl_match: 'near' }]);
    const run = mapScanFile(text, { file: 'old.json', context: IMPORT_CONTEXT, scannedAt: USEG_SCAN })
      .runs[0]!;
    expect(run.candidates[0]).toMatchObject({
      composite_score: 60,
      vigl_score: 2 / 3,
      factors: { score_points: 183 },
    });
  });
});

describe('bad rows of a scan file', () => {
  const text = fixtureText('diamonds_v4.json')
    .replace('"price": 7.81,', '"price": -7.81,')
    .replace('"symbol": "VLY"', '"symbol": "vly/x"');

  it('are refused with file, line and reason, and the other candidates are published', () => {
    const batch = mapScanFile(text, { file: 'diamonds_v4.json', context: IMPORT_CONTEXT });
    expect(batch.refusals).toEqual([
      expect.objectContaining({ file: 'diamonds_v4.json', line: 51, code: 'NON_POSITIVE_PRICE' }),
      expect.objectContaining({ file: 'diamonds_v4.json', line: 75, code: 'BAD_SYMBOL_FORMAT' }),
    ]);
    // Line 51 opens AEG's object, line 75 VLY's.
    expect(text.split('\n')[51]).toContain('"AEG"');
    expect(text.split('\n')[75]).toContain('"vly/x"');
    expect(batch.runs[0]!.candidates).toHaveLength(498);
  });

  it('a JSON file of another tool is refused as a whole', () => {
    for (const other of ['closed_positions.json', 'scanner_weights.json']) {
      const batch = mapScanFile(fixtureText(other), { file: other, context: IMPORT_CONTEXT });
      expect(batch.runs).toEqual([]);
      expect(batch.refusals).toMatchObject([{ file: other, line: 1, code: 'NOT_AN_UPSTREAM_FILE' }]);
    }
  });
});
