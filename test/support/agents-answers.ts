import { expect } from 'vitest';
import type { Alert, DipAnalysis, PipelineHealth } from '../../schemas/types.generated.ts';

/*
 * The answers to agents-market.ts, worked out by hand with the default
 * thresholds (DESIGN's numbers). Health components: processing time 1 up to
 * 8,000 ms, 0 from 15,000 ms, linear between; candidates n/12 capped at 1;
 * the timed stages run exactly at their expected rates (efficiency 1).
 */

const byId = <T extends { version: number }>(records: readonly T[], idOf: (r: T) => string) => {
  const map = new Map<string, T[]>();
  for (const r of records) map.set(idOf(r), [...(map.get(idOf(r)) ?? []), r]);
  for (const list of map.values()) list.sort((a, b) => a.version - b.version);
  return map;
};

const duration = (h: PipelineHealth) => h.baseline.find((d) => d.measure === 'duration_ms');
const candidates = (h: PipelineHealth) => h.baseline.find((d) => d.measure === 'candidate_count');

/** The static part of each run's health: the same whatever the baseline. */
export function expectKnownStaticHealth(records: readonly PipelineHealth[], prefix: string): void {
  const health = new Map(records.map((h) => [h.run_id, h]));
  expect([...health.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `${prefix}${i}`).sort());
  const scores = [
    1,
    1,
    1,
    1,
    1,
    (1 + 2 / 12 + 1) / 3,
    (3 / 7 + 2) / 3,
    (3 / 7 + 2) / 3,
    (3 / 7 + 2) / 3,
    1.25 / 3,
  ];
  for (const [i, score] of scores.entries()) {
    expect(health.get(`${prefix}${i}`)?.health_score, `${prefix}${i}`).toBeCloseTo(score, 12);
  }
  // Run 1 has no stage timings: its stage efficiency is absent, not zero.
  expect(health.get(`${prefix}1`)?.components.map((c) => c.name)).toEqual([
    'processing_time',
    'candidate_count',
  ]);
  expect(health.get(`${prefix}0`)?.components.map((c) => [c.name, c.score])).toEqual([
    ['processing_time', 1],
    ['candidate_count', 1],
    ['stage_efficiency', 1],
  ]);
  expect(
    records
      .filter((h) => !h.healthy)
      .map((h) => [h.run_id, h.alert_severity])
      .sort(),
  ).toEqual([
    [`${prefix}5`, 'WARNING'],
    [`${prefix}9`, 'CRITICAL'],
  ]);
  expect(health.get(`${prefix}9`)).toMatchObject({ relaxed: true, candidate_count: 3, duration_ms: 21_000 });
  expect(health.get(`${prefix}9`)?.issues.slice(0, 2)).toEqual([
    'duration of 21,000 ms, over the 15,000 ms maximum',
    '3 candidates, below the minimum of 5, even with relaxed thresholds',
  ]);
  expect(health.get(`${prefix}0`)?.recommendations).toEqual([
    'no timing for final_ranking: their efficiency is not scored; time them to see it',
  ]);
}

/** The baseline part, for runs that arrived one after another in event-time order. */
export function expectKnownBaseline(records: readonly PipelineHealth[], prefix: string): void {
  const health = new Map(records.map((h) => [h.run_id, h]));
  const run = (i: number) => health.get(`${prefix}${i}`)!;
  // Warm-up: five earlier runs are needed before a deviation is judged.
  expect([0, 1, 2, 3, 4, 5].map((i) => [duration(run(i))?.samples, duration(run(i))?.deviation])).toEqual([
    [0, null],
    [1, null],
    [2, null],
    [3, null],
    [4, null],
    [5, 0],
  ]);
  // Two candidates against five runs of twelve: (2 − 12) / max(1.4826 × 0, 5% of 12) = −16.67.
  expect(candidates(run(5))?.deviation).toBeCloseTo(-10 / 0.6, 9);
  expect(candidates(run(5))).toMatchObject({
    drifting: true,
    above: false,
    consecutive_runs: 1,
    sustained: false,
  });
  // 12,000 ms inside the static limits, but (12,000 − 8,000) / (5% of 8,000) = 10 deviations, three runs running.
  expect(
    [6, 7, 8].map((i) => [
      duration(run(i))?.deviation,
      duration(run(i))?.consecutive_runs,
      duration(run(i))?.sustained,
    ]),
  ).toEqual([
    [10, 1, false],
    [10, 2, false],
    [10, 3, true],
  ]);
  expect(run(8).healthy).toBe(true);
  expect(run(8).issues).toEqual([
    'run duration (ms) above its baseline for 3 runs in a row: 12,000 against a median of 8,000 over 8 runs (10 deviations)',
  ]);
  expect(duration(run(9))).toMatchObject({ deviation: 32.5, consecutive_runs: 4, sustained: true });
}

/** The last version of each analysis, withdrawn ones left out: what stands, whatever order the data came in. */
export function standingAnalyses(records: readonly DipAnalysis[]): Map<string, DipAnalysis> {
  const standing = new Map<string, DipAnalysis>();
  for (const [id, versions] of byId(records, (r) => r.analysis_id)) {
    const last = versions.at(-1)!;
    if (!last.withdrawn) standing.set(id, last);
  }
  return standing;
}

/** One analysis per dipped holding; each BUY_MORE with its outcome. */
export function expectKnownDipAnalyses(records: readonly DipAnalysis[], suffix: string): void {
  const analyses = standingAnalyses(records);
  const id = (symbol: string) => `${symbol}${suffix}:2026-03-30`;
  expect([...analyses.keys()].sort()).toEqual(['CAPD', 'DIPA', 'HLDX', 'NOVL'].map(id).sort());

  const dipa = analyses.get(id('DIPA'))!;
  expect(dipa).toMatchObject({
    action: 'BUY_MORE',
    thesis_strength: 0.9,
    thesis_grade: 'STRONG',
    days_held: 28,
    account_equity: 100_000,
    position_value: 4_200,
    suggested_pct_of_equity: 20,
    suggested_amount: 20_000,
    take_profit_2: 52.5,
    position_cap_pct: 25,
    outcome_price_30d: 46.2,
    outcome_success: true,
    final: true,
  });
  expect(dipa.thesis_factors.map((f) => [f.name, f.delta])).toEqual([
    ['volume_confirmed', 0.2],
    ['catalyst_window', 0.1],
    ['drawdown_contained', 0.1],
  ]);
  expect(dipa.unrealized_return_pct).toBeCloseTo(-16, 9);
  expect(dipa.stop_loss).toBeCloseTo(35.7, 9);
  expect(dipa.take_profit_1).toBeCloseTo(46.2, 9);
  expect(dipa.risk_reward).toBeCloseTo(2 / 3, 9);
  expect(dipa.outcome_return_pct_30d).toBeCloseTo(10, 9);

  const capd = analyses.get(id('CAPD'))!;
  expect(capd).toMatchObject({ action: 'BUY_MORE', suggested_amount: 0, suggested_shares: 0 });
  expect(capd.reasons).toContain(
    'nothing added: the position is already 29.4% of equity, at or above the 25% cap',
  );
  // No bar after the dip: once the grace has passed the outcome is missing, never made up.
  expect(capd).toMatchObject({ final: true, outcome_price_30d: null, outcome_success: null });

  const novl = analyses.get(id('NOVL'))!;
  expect(novl).toMatchObject({
    action: 'BUY_MORE',
    thesis_strength: 0.7,
    thesis_grade: 'MODERATE',
    days_held: 3,
    suggested_amount: 15_000,
    final: true,
    outcome_price_30d: null,
  });
  expect(novl.thesis_factors[0]).toMatchObject({ name: 'volume_unknown', delta: 0 });

  expect(analyses.get(id('HLDX'))).toMatchObject({
    action: 'HOLD',
    thesis_strength: 0.6,
    suggested_amount: null,
    final: true,
    version: 1,
  });
}

/** Versions 1, 2, 3… per analysis id, each once (how many depends on how bars and positions interleaved). */
export function expectVersionsOnce(records: readonly DipAnalysis[]): void {
  for (const [id, list] of byId(records, (r) => r.analysis_id)) {
    expect(
      list.map((a) => a.version),
      id,
    ).toEqual(list.map((_, i) => i + 1));
  }
}

/** The known holdings have all settled: four analyses standing, each final. */
export const knownDipsSettled = (records: readonly DipAnalysis[]): boolean => {
  const standing = standingAnalyses(records);
  return standing.size >= 4 && [...standing.values()].every((a) => a.final);
};

/** The alerts the known inputs raise through the gate, of the given dedup keys' owners. */
export function knownAlertKeys(alerts: readonly Alert[]): string[][] {
  return alerts
    .map((a) => [a.dedup_key, a.severity, String(a.requires_ack)])
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}
