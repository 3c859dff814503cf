import { describe, expect, it } from 'vitest';
import { SAMPLE_PARAMETERS } from '../../../sample/discovery.ts';
import { sampleInputs } from '../../../sample/inputs.ts';
import { generateSampleMarket } from '../../../sample/market.ts';
import { SampleOptionsError, sampleOptions } from '../../../sample/options.ts';
import type { TopicName } from '../../../schemas/topics.ts';
import { checkRecord } from '../../../streams/serde/rules.ts';
import { NYSE_CALENDAR } from '../../../streams/tracker/domain/index.ts';

const OPTIONS = { symbols: 120, sessions: 90, seed: 7, start: '2025-06-02' };
const market = generateSampleMarket(sampleOptions(OPTIONS));
const dateOf = (t: number) => NYSE_CALENDAR.sessionDateOf(t);

/** Spearman correlation, written out here rather than taken from the code under test. */
function spearman(xs: readonly number[], ys: readonly number[]): number {
  const ranks = (v: readonly number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    order.forEach(([, i], j) => {
      r[i] = j;
    });
    return r;
  };
  const [a, b] = [ranks(xs), ranks(ys)];
  const mean = (xs.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (a[i]! - mean) * (b[i]! - mean);
    da += (a[i]! - mean) ** 2;
    db += (b[i]! - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe('the sample market', () => {
  it('is the same for the same options and another for another seed', () => {
    const again = generateSampleMarket(sampleOptions(OPTIONS));
    expect(again).toEqual(market);
    const other = generateSampleMarket(sampleOptions({ ...OPTIONS, seed: 8 }));
    expect(other.bars[0]).not.toEqual(market.bars[0]);
  });

  it('keeps every rule of every input contract, so the produce CLI takes it all', () => {
    const context = { now: Date.now(), futureMarginMs: 3_600_000 };
    for (const input of sampleInputs(market)) {
      for (const record of input.records) {
        const problem = checkRecord(input.topic as TopicName, record as never, context);
        if (problem) throw new Error(`${input.topic}: ${problem.code} ${problem.message}`);
      }
    }
  });

  it('trades on exchange sessions only, with a halt of three sessions and a delisting', () => {
    expect(market.sessions).toHaveLength(90);
    expect(market.sessions.every((s) => NYSE_CALENDAR.isSession(s))).toBe(true);
    expect(new Set(market.bars.map((b) => dateOf(b.timestamp)))).toEqual(new Set(market.sessions));
    const sessionsOf = (symbol: string) => market.bars.filter((b) => b.symbol === symbol).length;
    expect(sessionsOf(market.halted)).toBe(90 - 3);
    expect(sessionsOf(market.delisted)).toBe(Math.floor(90 * 0.6) + 1);
    expect(market.bars).toHaveLength(120 * 90 - 3 - (90 - Math.floor(90 * 0.6) - 1));
    const lastOfDelisted = market.bars.filter((b) => b.symbol === market.delisted).at(-1)!;
    expect(dateOf(lastOfDelisted.timestamp)).toBe(market.sessions[Math.floor(90 * 0.6)]);
  });

  it('scores candidates with a real but noisy signal about the next 30 sessions', () => {
    const close = new Map(market.bars.map((b) => [`${b.symbol}|${dateOf(b.timestamp)}`, b.close]));
    const scores: number[] = [];
    const forward: number[] = [];
    for (const run of market.runs) {
      const later = market.sessions[market.sessions.indexOf(dateOf(run.finished_at)) + 30];
      for (const c of run.candidates) {
        const price = later && close.get(`${c.symbol}|${later}`);
        if (!price) continue;
        scores.push(c.composite_score);
        forward.push(price / c.price - 1);
      }
    }
    expect(scores.length).toBeGreaterThan(400);
    const ic = spearman(scores, forward);
    expect(ic).toBeGreaterThan(0.15);
    // Noisy: far from a perfect ranking.
    expect(ic).toBeLessThan(0.8);
    const above = forward.filter((_, i) => scores[i]! >= SAMPLE_PARAMETERS.composite_score_threshold);
    const below = forward.filter((_, i) => scores[i]! < SAMPLE_PARAMETERS.composite_score_threshold);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(above)).toBeGreaterThan(mean(below));
  });

  it('has runs for the monitor to flag: slow stages, too few candidates, relaxed runs, runs without timings', () => {
    expect(market.runs.length).toBe(90);
    expect(market.runs.some((r) => r.relaxed && r.candidates.length < 5)).toBe(true);
    expect(market.runs.some((r) => r.stages.every((s) => s.duration_ms === null))).toBe(true);
    const slowest = (r: (typeof market.runs)[number]) =>
      Math.max(...r.stages.map((s) => (s.duration_ms ?? 0) / Math.max(1, s.symbols_in)));
    const ratios = market.runs.map(slowest).sort((a, b) => a - b);
    // A degraded stage runs at a quarter of its rate: well past the typical run.
    expect(ratios.at(-1)!).toBeGreaterThan(2 * ratios[Math.floor(ratios.length / 2)]!);
  });

  it('has a portfolio that buys picks, sells some, and holds losers through dips of more than 10%', () => {
    const opened = market.positions.filter((p) => p.quantity > 0 && p.as_of === p.entry_date);
    const closed = market.positions.filter((p) => p.quantity === 0);
    expect(opened.length).toBeGreaterThan(10);
    expect(closed.length).toBeGreaterThan(5);
    const dipped = opened.filter((p) =>
      market.bars.some(
        (b) =>
          b.symbol === p.symbol &&
          b.timestamp > p.entry_date &&
          b.close < 0.9 * p.avg_entry_price &&
          !closed.some((c) => c.symbol === p.symbol && c.as_of > p.entry_date && c.as_of < b.timestamp),
      ),
    );
    expect(dipped.length).toBeGreaterThan(0);
    expect(market.positions.every((p) => p.account_equity > 0)).toBe(true);
    const inOrder = market.positions.every((p, i, all) => i === 0 || all[i - 1]!.as_of <= p.as_of);
    expect(inOrder).toBe(true);
  });

  it('without a start date, ends with the last full session before now', () => {
    const now = Date.parse('2026-11-27T15:00:00Z'); // Friday, during the session
    const recent = generateSampleMarket(sampleOptions({ symbols: 20, sessions: 45, seed: 1 }), now);
    // Thanksgiving (11-26) is closed; the last full session before the 27th is the 25th.
    expect(recent.sessions.at(-1)).toBe('2026-11-25');
    expect(recent.sessions).toHaveLength(45);
  });

  it('refuses options it cannot honour, naming them', () => {
    expect(() => sampleOptions({ symbols: 3 })).toThrow(SampleOptionsError);
    expect(() => sampleOptions({ sessions: 20 })).toThrow(/sessions/);
    expect(() => sampleOptions({ start: '2025-13-01' })).toThrow(/start/);
    expect(() => sampleOptions({ symbols: 10, candidatesPerRun: 12 })).toThrow(/candidatesPerRun/);
  });
});
