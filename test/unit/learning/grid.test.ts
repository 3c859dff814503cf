import { describe, expect, it } from 'vitest';
import {
  attributeOf,
  bestCandidate,
  createLearningConfig,
  evaluateParameter,
  evaluateProposals,
  NOT_ENOUGH_DATA,
  type SettledPick,
} from '../../../streams/learning/domain/index.ts';

/*
 * The ten picks of the statistics table. Picks returning 30, 20 and 12 are
 * marked explosive. By composite score, highest first:
 *   95:25  90:30*  85:20*  85:15  80:3  75:12*  70:8  60:5  60:-2  55:-10
 * With 55 in force every pick is kept: mean 106/10 = 10.6, 3 explosive.
 *   60 keeps 9: 116/9 = 12.889 (+2.289), 3 of 3 explosive
 *   70 keeps 7: 113/7 = 16.143 (+5.543), 3 of 3
 *   80 keeps 5:  93/5 = 18.6   (+8.0),   2 of 3 = 0.667: below the 0.75 constraint
 *   90 keeps 2: below the 3 picks a value must keep
 */
const table: [number, number, boolean][] = [
  [55, -10, false],
  [60, 5, false],
  [60, -2, false],
  [70, 8, false],
  [75, 12, true],
  [80, 3, false],
  [85, 20, true],
  [85, 15, false],
  [90, 30, true],
  [95, 25, false],
];
const picks: SettledPick[] = table.map(([score, ret, explosive], i) => ({
  tracking_id: `R:${i}`,
  symbol: `S${i}`,
  composite_score: score,
  vigl_score: 0.5,
  factors: {},
  return_30d: ret,
  explosive,
}));
const config = createLearningConfig({
  minSample: 10,
  minKept: 3,
  minExplosiveShareKept: 0.75,
  parameters: [
    { name: 'composite_score_threshold', attribute: { kind: 'composite_score' }, grid: [60, 70, 80, 90] },
  ],
});
const rule = config.parameters[0]!;

describe('grid evaluation: objective and constraint', () => {
  it('scores every grid value against the value in force, by hand', () => {
    const evaluation = evaluateParameter(picks, rule, 55, config);
    if (evaluation.kind !== 'evaluated') throw new Error(evaluation.kind);
    expect(evaluation.baseline).toMatchObject({ value: 55, kept: 10, explosive_kept: 3 });
    expect(evaluation.baseline.mean_return).toBeCloseTo(10.6, 12);
    expect(evaluation.candidates.map((c) => [c.value, c.kept, c.explosive_share_kept])).toEqual([
      [60, 9, 1],
      [70, 7, 1],
    ]);
    expect(evaluation.candidates[0]!.effect).toBeCloseTo(116 / 9 - 10.6, 12);
    expect(evaluation.candidates[1]!.effect).toBeCloseTo(113 / 7 - 10.6, 12);
    expect(bestCandidate(evaluation)?.value).toBe(70);
  });

  it('without a value in force, measures against keeping every pick', () => {
    const evaluation = evaluateParameter(picks, rule, null, config);
    if (evaluation.kind !== 'evaluated') throw new Error(evaluation.kind);
    expect(evaluation.baseline.kept).toBe(10);
    expect(evaluation.candidates.map((c) => c.value)).toEqual([60, 70]);
  });

  it('a value that keeps the same picks as the one in force is no candidate', () => {
    const evaluation = evaluateParameter(picks, rule, 70, config);
    if (evaluation.kind !== 'evaluated') throw new Error(evaluation.kind);
    expect(evaluation.candidates.map((c) => c.value)).toEqual([60]);
  });

  it('below the minimum sample nothing is evaluated, and the proposal says "not enough data"', () => {
    const strict = createLearningConfig({ ...config, minSample: 11 });
    expect(evaluateParameter(picks, rule, 55, strict)).toMatchObject({
      kind: 'too-few-picks',
      sample_size: 10,
    });
    const [proposal] = evaluateProposals(picks, { composite_score_threshold: 55 }, strict, 'c1');
    expect(proposal).toMatchObject({
      earned: false,
      proposed_value: null,
      confidence: null,
      sample_size: 10,
    });
    expect(proposal!.rationale).toContain(NOT_ENOUGH_DATA);
  });

  it('picks without the attribute take no part; of two factor names the first present is read', () => {
    const attribute = { kind: 'factor' as const, factors: ['volume_spike', 'rvol'] };
    const factorsOf = (i: number): Record<string, number> =>
      i < 4 ? {} : i < 7 ? { rvol: i } : { volume_spike: i, rvol: 0 };
    const withFactors = picks.map((p, i) => ({ ...p, factors: factorsOf(i) }));
    expect(withFactors.map((p) => attributeOf(p, attribute))).toEqual([
      null,
      null,
      null,
      null,
      4,
      5,
      6,
      7,
      8,
      9,
    ]);
    const factorRule = { name: 'volume_spike_min', attribute, grid: [2, 3] };
    const evaluation = evaluateParameter(
      withFactors,
      factorRule,
      null,
      createLearningConfig({ ...config, minSample: 6 }),
    );
    expect(evaluation.sample_size).toBe(6);
  });
});

describe('a proposal on ten picks', () => {
  it('is "not enough data" when the interval of its effect spans zero', () => {
    const [proposal] = evaluateProposals(picks, { composite_score_threshold: 55 }, config, 'c1');
    // Ten picks of one symbol each: the effect of 70 (+5.5 points) is within resampling noise.
    expect(proposal!.earned).toBe(false);
    expect(proposal!.rationale).toMatch(/^not enough data/);
    expect(proposal!.sample_size).toBe(10);
  });
});
