import { describe, expect, it } from 'vitest';
import {
  type CycleFacts,
  type CycleRequest,
  createLearningConfig,
  type OutcomeFact,
  type RecommendationFact,
  runCycle,
} from '../../../streams/learning/domain/index.ts';
import { MARKET_VALUES_IN_FORCE, plantedMarket } from '../../support/planted-market.ts';

const DAY = 86_400_000;
// Monday 2026-03-09 07:00 New York; a 7-day window starts Monday 2026-03-02 07:00 EST.
const AT = Date.parse('2026-03-09T11:00:00Z');
const START = Date.parse('2026-03-02T12:00:00Z');
const config = createLearningConfig({ windowDays: 7 });
const request: CycleRequest = {
  cycle_id: 'weekly-2026-03-09',
  trigger: 'SCHEDULED',
  at: AT,
  ran_at: AT + 3_600_000,
};
const all = { tracker: true, monitor: true, dipValidator: true };

const rec = (id: string, discovered_at: number): RecommendationFact => ({
  tracking_id: id,
  run_id: id.split(':')[0]!,
  symbol: id.split(':')[1]!,
  discovered_at,
  composite_score: 70,
  vigl_score: 0.6,
  factors: {},
});
const outcome = (id: string, fields: Partial<OutcomeFact>): OutcomeFact => ({
  tracking_id: id,
  version: 1,
  as_of: AT - DAY,
  final: true,
  return_30d: null,
  success: null,
  category: null,
  missed_opportunity: false,
  settled_at: null,
  ...fields,
});

/*
 * Five recommendations; A, B, C, D discovered in the window, E the day before it.
 *   A final +60 EXPLOSIVE, missed      B final -12 FAILED
 *   C final, day 30 missing (no return) D not final yet
 *   E final +10 (outside the window)
 * Tracker: 4 recommendations, 3 completed, returns {60, -12}: mean 24, median 24,
 * success 1 of 2, one missed opportunity.
 */
const outcomes = new Map<string, OutcomeFact>([
  [
    'R1:A',
    outcome('R1:A', { return_30d: 60, success: true, category: 'EXPLOSIVE', missed_opportunity: true }),
  ],
  ['R1:B', outcome('R1:B', { return_30d: -12, success: false, category: 'FAILED' })],
  ['R2:C', outcome('R2:C', {})],
  ['R2:D', outcome('R2:D', { final: false, return_30d: null })],
  ['R0:E', outcome('R0:E', { return_30d: 10, success: true, category: 'MODERATE' })],
]);
const facts: CycleFacts = {
  recommendations: [
    rec('R1:A', START + DAY),
    rec('R1:B', START + DAY),
    rec('R2:C', START + 2 * DAY),
    rec('R2:D', START + 3 * DAY),
    rec('R0:E', START - DAY),
  ],
  outcomeOf: (id) => outcomes.get(id),
  health: [
    { run_id: 'R1', finished_at: START + DAY, health_score: 0.9, duration_ms: 8000, candidate_count: 12 },
    { run_id: 'R2', finished_at: START + 2 * DAY, health_score: 0.4, duration_ms: 16000, candidate_count: 3 },
    { run_id: 'R0', finished_at: START - DAY, health_score: 0.1, duration_ms: 1, candidate_count: 1 },
  ],
  dips: [
    {
      analysis_id: 'X:1',
      version: 2,
      analyzed_at: START + DAY,
      as_of: START + DAY,
      action: 'BUY_MORE',
      thesis_strength: 0.8,
      final: true,
      outcome_success: true,
    },
    {
      analysis_id: 'Y:1',
      version: 0,
      analyzed_at: START + DAY,
      as_of: START + DAY,
      action: 'BUY_MORE',
      thesis_strength: 0.7,
      final: false,
      outcome_success: null,
    },
    {
      analysis_id: 'Z:1',
      version: 0,
      analyzed_at: START + 2 * DAY,
      as_of: START + 2 * DAY,
      action: 'HOLD',
      thesis_strength: 0.3,
      final: false,
      outcome_success: null,
    },
  ],
  alerts: [
    { alert_id: 'a1', type: 'PIPELINE_UNHEALTHY', created_at: START + 2 * DAY },
    { alert_id: 'a2', type: 'MISSED_OPPORTUNITY', created_at: START + 2 * DAY },
    { alert_id: 'a3', type: 'PIPELINE_UNHEALTHY', created_at: AT + 1 },
  ],
  valuesInForce: { composite_score_threshold: 60 },
  dataSeenUntil: AT + 3_600_000,
};

describe('a learning cycle', () => {
  it('states the window and the per-agent statistics, by hand', () => {
    const { report } = runCycle(request, facts, all, config);
    expect(report).toMatchObject({
      cycle_id: 'weekly-2026-03-09',
      trigger: 'SCHEDULED',
      status: 'COMPLETED',
      window_start: START,
      window_end: AT,
      started_at: AT,
      completed_at: AT + 3_600_000,
      auto_apply_enabled: false,
      error: null,
    });
    expect(report.tracker).toMatchObject({
      recommendations: 4,
      completed: 3,
      return_sample_size: 2,
      success_rate: 0.5,
      mean_return_30d_pct: 24,
      median_return_30d_pct: 24,
      outcomes_by_category: { EXPLOSIVE: 1, FAILED: 1 },
      missed_opportunities: 1,
      evidence_sample_size: 2,
      score_quintiles: [],
      composite_ic: null,
      vigl_ic: null,
    });
    expect(report.monitor).toEqual({
      runs: 2,
      mean_health: 0.65,
      mean_duration_ms: 12000,
      mean_candidates: 7.5,
      alert_count: 1,
    });
    expect(report.dip_validator).toEqual({
      analyses: 3,
      buy_more_signals: 2,
      mean_thesis_strength: 0.6,
      buy_more_mean_thesis_strength: 0.75,
      settled_buy_more: 1,
      success_rate: 1,
    });
  });

  it('says "not enough data" for every parameter of a thin window, and in its insights', () => {
    const { report } = runCycle(request, facts, all, config);
    expect(report.proposals.map((p) => [p.proposal_id, p.status, p.sample_size, p.current_value])).toEqual([
      ['weekly-2026-03-09:composite_score_threshold', 'INSUFFICIENT_DATA', 2, 60],
      ['weekly-2026-03-09:vigl_score_threshold', 'INSUFFICIENT_DATA', 2, null],
      ['weekly-2026-03-09:volume_spike_min', 'INSUFFICIENT_DATA', 0, null],
    ]);
    for (const proposal of report.proposals) expect(proposal.rationale).toMatch(/^not enough data/);
    expect(report.insights.some((line) => line.startsWith('not enough data for score quintiles'))).toBe(true);
    expect(report.insights).toContain('The data earns no parameter change this cycle.');
  });

  it('gives null, not zero, for agents that are switched off', () => {
    const { report } = runCycle(
      request,
      facts,
      { tracker: false, monitor: false, dipValidator: false },
      config,
    );
    expect([report.tracker, report.monitor, report.dip_validator]).toEqual([null, null, null]);
  });

  it('works on nothing at all (empty inputs)', () => {
    const empty: CycleFacts = {
      recommendations: [],
      outcomeOf: () => undefined,
      health: [],
      dips: [],
      alerts: [],
      valuesInForce: {},
      dataSeenUntil: null,
    };
    const { report } = runCycle(request, empty, all, config);
    expect(report.tracker).toMatchObject({
      recommendations: 0,
      completed: 0,
      success_rate: null,
      mean_return_30d_pct: null,
    });
    expect(report.monitor).toEqual({
      runs: 0,
      mean_health: null,
      mean_duration_ms: null,
      mean_candidates: null,
      alert_count: 0,
    });
    expect(report.insights[0]).toBe('No data has arrived yet.');
  });

  it('says when the data seen stops before the window ends', () => {
    const { report } = runCycle(request, { ...facts, dataSeenUntil: AT - DAY }, all, config);
    expect(report.insights[0]).toMatch(/^Data seen up to 2026-03-08T11:00:00.000Z, before the window's end/);
  });

  it('is deterministic: the same facts and request give the same report; another cycle id resamples anew', () => {
    const market = plantedMarket({ seed: 3 });
    const marketFacts: CycleFacts = {
      ...facts,
      recommendations: market.map((p) => ({
        ...rec(`R:${p.tracking_id}`, START + DAY),
        symbol: p.symbol,
        tracking_id: p.tracking_id,
        composite_score: p.composite_score,
        vigl_score: p.vigl_score,
        factors: p.factors,
      })),
      outcomeOf: (id) => {
        const pick = market.find((p) => p.tracking_id === id);
        return (
          pick &&
          outcome(id, {
            return_30d: pick.return_30d,
            success: pick.return_30d > 0,
            category: pick.explosive ? 'EXPLOSIVE' : 'MODERATE',
          })
        );
      },
      valuesInForce: MARKET_VALUES_IN_FORCE,
    };
    const first = runCycle(request, marketFacts, all, config).report;
    expect(runCycle(request, marketFacts, all, config).report).toEqual(first);
    expect(first.tracker?.score_quintiles).toHaveLength(5);
    expect(first.proposals[0]).toMatchObject({ status: 'PENDING', proposed_value: 70 });
    const other = runCycle({ ...request, cycle_id: 'on-demand-x' }, marketFacts, all, config).report;
    expect(other.proposals[0]!.confidence).toBeGreaterThan(0.9);
    expect(other.proposals.map((p) => p.rationale)).not.toEqual(first.proposals.map((p) => p.rationale));
  });
});
