import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from '../../support/api-harness.ts';
import { insertKnownRows, NOW } from '../../support/api-known-rows.ts';

interface Coefficient {
  value: number | null;
  sample_size: number;
}
interface PeriodStats {
  period: string;
  tracked: number;
  success_rate: Coefficient;
  checkpoints: {
    days: number;
    sample_size: number;
    mean_return_pct: number | null;
    median_return_pct: number | null;
  }[];
  outcome_distribution: Record<string, number>;
  quintiles: {
    quintile: number;
    sample_size: number;
    min_score: number | null;
    max_score: number | null;
    mean_return_30d_pct: number | null;
  }[];
  ic: { composite: Coefficient; vigl: Coefficient };
}

// Hand-computed answers for the rows of test/support/api-known-rows.ts.
describe('learning routes on known rows in ClickHouse', () => {
  let api: ApiHarness;
  const get = async (url: string) => {
    const response = await api.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    api = await startApiHarness({ label: 'api_learning', clock: () => NOW });
    await insertKnownRows(api.db.target);
  });
  afterAll(() => api?.close());

  describe('GET /learning/missed-opportunities', () => {
    it('lists the unbought winners of the window by 30-day return, with scores and why they were not bought', async () => {
      // Window: the 60 days before 2026-04-30 12:00 holds runs a and b, not run c (2026-02-20).
      const { status, body } = await get('/learning/missed-opportunities?days_back=60');
      expect(status).toBe(200);
      expect(body.total_missed).toBe(2);
      // ATWO was a missed opportunity (99%) at version 1 only; its latest version returned 10%.
      expect(body.avg_missed_return).toBeCloseTo((55 + 40) / 2, 12);
      expect(body.missed_opportunities.map((m: { tracking_id: string }) => m.tracking_id)).toEqual([
        'run-b:BONE',
        'run-a:AONE',
      ]);
      const [bone, aone] = body.missed_opportunities;
      expect(bone).toMatchObject({
        symbol: 'BONE',
        return_30d: 55,
        price_30d: 15.5,
        discovered_at: '2026-03-10T21:00:00.000Z',
        scores_at_discovery: { composite_score: 85, vigl_score: 0.6, rank: 1, relaxed: true },
        // volume spike 1.5 < min_volume_spike 2.5, and run b had relaxed its thresholds.
        not_bought_reasons: ['BELOW_MIN_VOLUME_SPIKE', 'RELAXED_RUN'],
      });
      expect(bone.scores_at_discovery.parameters).toEqual({ min_composite_score: 60, min_volume_spike: 2.5 });
      expect(aone).toMatchObject({ return_30d: 40, not_bought_reasons: ['NO_POSITION_OPENED'] });
    });

    it('answers an empty window with no items and no average', async () => {
      const { status, body } = await get('/learning/missed-opportunities?days_back=7');
      expect(status).toBe(200);
      expect(body).toEqual({
        success: true,
        days_back: 7,
        total_missed: 0,
        avg_missed_return: null,
        missed_opportunities: [],
      });
    });
  });

  describe('GET /learning/performance', () => {
    let weeks: PeriodStats[];
    let overall: PeriodStats;
    beforeAll(async () => {
      const { status, body } = await get('/learning/performance?from=2026-03-01&to=2026-03-31&group=week');
      expect(status).toBe(200);
      weeks = body.periods;
      overall = body.overall;
    });

    it('groups by the Monday of the week', () => {
      expect(weeks.map((w) => w.period)).toEqual(['2026-03-02', '2026-03-09']);
    });

    it('computes success rate, checkpoint means and medians, and outcomes per week', () => {
      const [a, b] = weeks;
      expect(a!.tracked).toBe(5);
      expect(a!.success_rate).toEqual({ value: 3 / 5, sample_size: 5 });
      // Day 30 of week A: -20 -5 10 30 40 → mean 11, median 10. Day 1: -2 -1 1 2 3 → mean 0.6, median 1.
      expect(a!.checkpoints[3]).toMatchObject({ days: 30, sample_size: 5, median_return_pct: 10 });
      expect(a!.checkpoints[3]!.mean_return_pct).toBeCloseTo(11, 12);
      expect(a!.checkpoints[0]!.mean_return_pct).toBeCloseTo(0.6, 12);
      expect(a!.checkpoints[0]!.median_return_pct).toBe(1);
      expect(a!.outcome_distribution).toEqual({ EXPLOSIVE: 0, STRONG: 2, MODERATE: 1, POOR: 1, FAILED: 1 });
      // Week B: BFOU is pending. Day 1 of four: -1 0 3 4 → median (0 + 3) / 2. Day 7 of three: 1 2 6 → 2.
      expect(b!.tracked).toBe(4);
      expect(b!.success_rate).toEqual({ value: 1, sample_size: 3 });
      expect(b!.checkpoints[0]).toMatchObject({ sample_size: 4, median_return_pct: 1.5 });
      expect(b!.checkpoints[0]!.mean_return_pct).toBeCloseTo(1.5, 12);
      expect(b!.checkpoints[1]).toMatchObject({ sample_size: 3, median_return_pct: 2, mean_return_pct: 3 });
      expect(b!.checkpoints[3]!.mean_return_pct).toBeCloseTo(68 / 3, 12);
      expect(b!.outcome_distribution).toEqual({ EXPLOSIVE: 1, STRONG: 0, MODERATE: 2, POOR: 0, FAILED: 0 });
    });

    it('ranks composite and VIGL scores against the 30-day return (Spearman IC), ties sharing ranks', () => {
      const [a, b] = weeks;
      // Week A, no ties: composite ranks 5 4 3 2 1 vs return ranks 5 3 2 4 1: Σd² = 6, ρ = 1 − 36/120.
      expect(a!.ic.composite.value).toBeCloseTo(0.7, 12);
      expect(a!.ic.composite.sample_size).toBe(5);
      // VIGL ranks 5 3 4 1 2 vs 5 3 2 4 1: Σd² = 14, ρ = 1 − 84/120.
      expect(a!.ic.vigl.value).toBeCloseTo(0.3, 12);
      // Week B: composite 85 85 90 → ranks 1.5 1.5 3; returns 55 8 5 → 3 2 1; centred: Σxy = −1.5, Σx² = 1.5, Σy² = 2.
      expect(b!.ic.composite.value).toBeCloseTo(-1.5 / Math.sqrt(3), 12);
      expect(b!.ic.vigl.value).toBeCloseTo(-0.5, 12);
      expect(b!.ic.vigl.sample_size).toBe(3);
    });

    it('splits picks into composite-score quintiles with their mean 30-day return', () => {
      const b = weeks[1]!;
      // n = 3: rank 1.5 → ⌊5·1/3⌋+1 = 2, rank 3 → ⌊5·2.5/3⌋+1 = 5.
      expect(
        b.quintiles.map((q) => [q.quintile, q.sample_size, q.mean_return_30d_pct, q.min_score, q.max_score]),
      ).toEqual([
        [1, 0, null, null, null],
        [2, 2, 31.5, 85, 85],
        [3, 0, null, null, null],
        [4, 0, null, null, null],
        [5, 1, 5, 90, 90],
      ]);
    });

    it('computes the same statistics over the whole range', () => {
      const all = overall;
      expect(all.period).toBe('all');
      expect(all.tracked).toBe(9);
      expect(all.success_rate).toEqual({ value: 6 / 8, sample_size: 8 });
      // −20 −5 5 8 10 30 40 55: mean 123/8, median (8 + 10)/2.
      expect(all.checkpoints[3]!.mean_return_pct).toBeCloseTo(123 / 8, 12);
      expect(all.checkpoints[3]!.median_return_pct).toBe(9);
      expect(all.outcome_distribution).toEqual({ EXPLOSIVE: 1, STRONG: 2, MODERATE: 3, POOR: 1, FAILED: 1 });
      // Composite ranks 7.5 4 3 2 1 5.5 5.5 7.5 vs returns 7 5 2 6 1 8 4 3: Σxy = 18, Σx² = 41, Σy² = 42.
      expect(all.ic.composite.value).toBeCloseTo(18 / Math.sqrt(41 * 42), 12);
      expect(all.ic.composite.sample_size).toBe(8);
      // VIGL has no ties: Σd² = 76, ρ = 1 − 456/504.
      expect(all.ic.vigl.value).toBeCloseTo(1 - 456 / 504, 12);
      expect(
        all.quintiles.map((q) => [q.sample_size, q.mean_return_30d_pct, q.min_score, q.max_score]),
      ).toEqual([
        [2, 5, 50, 60],
        [1, -5, 70, 70],
        [1, 10, 80, 80],
        [2, 31.5, 85, 85],
        [2, 22.5, 90, 90],
      ]);
    });

    it('answers a day grouping too', async () => {
      const { body } = await get('/learning/performance?from=2026-03-03&to=2026-03-03&group=day');
      expect(body.periods.map((p: { period: string; tracked: number }) => [p.period, p.tracked])).toEqual([
        ['2026-03-03', 5],
      ]);
    });

    it('refuses a reversed or too long range', async () => {
      expect((await get('/learning/performance?from=2026-03-10&to=2026-03-01')).body.error.code).toBe(
        'INVALID_RANGE',
      );
      expect((await get('/learning/performance?from=2024-01-01&to=2026-03-01')).body.error.code).toBe(
        'INVALID_RANGE',
      );
    });
  });

  describe('GET /learning/recommendations', () => {
    const ids = (body: { recommendations: { tracking_id: string }[] }) =>
      body.recommendations.map((r) => r.tracking_id);

    it('pages newest first with a cursor until the last page', async () => {
      const base = '/learning/recommendations?from=2026-03-01&to=2026-03-31&limit=4';
      const first = await get(base);
      expect(first.status).toBe(200);
      expect(ids(first.body)).toEqual(['run-b:BTWO', 'run-b:BTHR', 'run-b:BONE', 'run-b:BFOU']);
      const second = await get(`${base}&cursor=${first.body.next_cursor}`);
      expect(ids(second.body)).toEqual(['run-a:ATWO', 'run-a:ATHR', 'run-a:AONE', 'run-a:AFOU']);
      const third = await get(`${base}&cursor=${second.body.next_cursor}`);
      expect(ids(third.body)).toEqual(['run-a:AFIV']);
      expect(third.body.next_cursor).toBeNull();
    });

    it('filters by category, bought, final and symbol on the latest version', async () => {
      const range = 'from=2026-03-01&to=2026-03-31';
      expect(ids((await get(`/learning/recommendations?${range}&category=STRONG`)).body)).toEqual([
        'run-a:AONE',
        'run-a:AFOU',
      ]);
      expect(ids((await get(`/learning/recommendations?${range}&bought=true`)).body)).toEqual(['run-a:AFOU']);
      expect(ids((await get(`/learning/recommendations?${range}&final=false`)).body)).toEqual(['run-b:BFOU']);
      const atwo = (await get(`/learning/recommendations?${range}&symbol=ATWO`)).body.recommendations;
      expect(atwo).toHaveLength(1);
      expect(atwo[0]).toMatchObject({ version: 2, outcome_category: 'MODERATE', missed_opportunity: false });
      expect(atwo[0].scores_at_discovery).toEqual({ composite_score: 80, vigl_score: 0.5, rank: 2 });
    });

    it('shows one recommendation with each version once, oldest first', async () => {
      const { status, body } = await get('/learning/recommendations/run-a:ATWO');
      expect(status).toBe(200);
      expect(body.history.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(body.history[0].checkpoints[3].return_pct).toBe(99);
      expect(body.recommendation).toMatchObject({ version: 2, final: true, success: true, bought: false });
      expect(
        body.recommendation.checkpoints.map((c: { days: number; return_pct: number }) => [
          c.days,
          c.return_pct,
        ]),
      ).toEqual([
        [1, 1],
        [7, 2],
        [14, 4],
        [30, 10],
      ]);
    });

    it('answers 404 for an unknown id', async () => {
      const { status, body } = await get('/learning/recommendations/run-z:NONE');
      expect(status).toBe(404);
      expect(body.error.code).toBe('RECOMMENDATION_NOT_FOUND');
    });
  });
});
