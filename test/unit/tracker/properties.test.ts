import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createTrackerConfig,
  evaluateOutcome,
  NYSE_CALENDAR as nyse,
  type OutcomeContext,
  type PriceBar,
  type TrackedOutcome,
} from '../../../streams/tracker/domain/index.ts';
import {
  arrivalOrder,
  buildMarket,
  type Market,
  type MarketSpec,
  marketSpec,
} from './support/generated-market.ts';
import { newYorkTime } from './support/market.ts';
import { type ReplayEvent, replay } from './support/replay.ts';

const RUNS = { numRuns: 150 };
const REPLAY_RUNS = { numRuns: 40 };
/** A discovery stamped in the hour New York clocks skip in spring: a generated case that once broke the market builder. */
const SPRING_FORWARD: MarketSpec = {
  discoveryDate: '2026-03-08',
  discoveryHour: 2,
  discoveryPrice: 1,
  basis: 'trading',
  steps: Array.from({ length: 34 }, () => ({
    kind: 'none' as const,
    moveBp: 0,
    highSpreadBp: 0,
    lowSpreadBp: 0,
  })),
  extraDays: 0,
  arrivalKeys: [0],
};

function contextOf(market: Market): OutcomeContext {
  return { config: createTrackerConfig({ basis: market.basis }), calendar: nyse };
}

function evaluateAt(market: Market, bars: readonly PriceBar[], streamTimeMs = market.endStreamTimeMs) {
  return evaluateOutcome(
    { recommendation: market.recommendation, bars, positions: [], streamTimeMs },
    contextOf(market),
  );
}

/** Category from the design's cut-offs, written out independently of the implementation. */
function expectedCategory(finalReturnPct: number): string {
  if (finalReturnPct >= 50) return 'explosive';
  if (finalReturnPct >= 20) return 'strong';
  if (finalReturnPct >= 5) return 'moderate';
  if (finalReturnPct > -10) return 'poor';
  return 'failed';
}

function checkInvariants(outcome: TrackedOutcome): void {
  const reached = outcome.checkpoints.filter((checkpoint) => checkpoint.status === 'reached');
  if (reached.length > 0) expect(outcome.peak_return_pct).not.toBeNull();
  for (const checkpoint of reached) {
    expect(outcome.peak_return_pct ?? Number.NaN).toBeGreaterThanOrEqual(checkpoint.return_pct ?? Number.NaN);
  }
  if (outcome.window_sessions.length === 0) expect(outcome.max_drawdown_pct).toBeNull();
  else expect(outcome.max_drawdown_pct ?? Number.NaN).toBeGreaterThanOrEqual(0);

  const finalReturn = outcome.final_return_pct;
  if (finalReturn === null) {
    expect(outcome.outcome_category).toBeNull();
    expect(outcome.success).toBeNull();
  } else {
    expect(outcome.outcome_category).toBe(expectedCategory(finalReturn));
    expect(outcome.success).toBe(finalReturn > 0);
  }
  expect(outcome.final).toBe(outcome.checkpoints.at(-1)?.status !== 'pending');
}

describe('generated markets', () => {
  it('peak ≥ every reached checkpoint, drawdown ≥ 0, category agrees with the final return', () => {
    fc.assert(
      fc.property(marketSpec, (spec) => {
        const market = buildMarket(spec);
        checkInvariants(evaluateAt(market, market.bars));
      }),
      { ...RUNS, examples: [[SPRING_FORWARD]] },
    );
  });

  it('holds the invariants at every moment of the stream, not only at the end', () => {
    fc.assert(
      fc.property(marketSpec, (spec) => {
        const market = buildMarket(spec);
        const events: ReplayEvent[] = market.bars.map((bar) => ({ bar }));
        for (const step of replay(market.recommendation, events, contextOf(market)).steps) {
          checkInvariants(step.outcome);
        }
      }),
      REPLAY_RUNS,
    );
  });

  it('gives the same state for the same bars in any arrival order', () => {
    fc.assert(
      fc.property(marketSpec, fc.array(fc.nat(), { minLength: 1, maxLength: 200 }), (spec, shuffleKeys) => {
        const market = buildMarket(spec);
        const shuffled = arrivalOrder(market.bars, shuffleKeys);
        expect(evaluateAt(market, shuffled)).toEqual(evaluateAt(market, market.bars));
      }),
      RUNS,
    );
  });

  it('emits versions 1, 2, 3 … and ends in the state a batch evaluation gives', () => {
    const correction = fc.record({ index: fc.nat(), factor: fc.integer({ min: 80, max: 120 }) });
    fc.assert(
      fc.property(marketSpec, fc.array(correction, { maxLength: 5 }), (spec, corrections) => {
        const market = buildMarket(spec);
        const events: ReplayEvent[] = market.bars.map((bar) => ({ bar }));
        // Corrections arrive last so that they are the bars in force at the end.
        for (const { index, factor } of corrections) {
          const original = market.bars[index % Math.max(1, market.bars.length)];
          if (!original) continue;
          const close = original.close * (factor / 100);
          const bar = {
            ...original,
            close,
            high: Math.max(original.high, close),
            low: Math.min(original.low, close),
          };
          events.push({ bar });
        }
        events.push({ streamTimeMs: market.endStreamTimeMs });
        const run = replay(market.recommendation, events, contextOf(market));

        expect(run.emitted.map((emission) => emission.version)).toEqual(
          run.emitted.map((_, index) => index + 1),
        );
        let version = 0;
        for (const { decision } of run.steps) {
          expect(decision.version).toBeGreaterThanOrEqual(version);
          expect(decision.version - version).toBe(decision.emit ? 1 : 0);
          version = decision.version;
        }
        const allBars = events.flatMap((event) => ('bar' in event ? [event.bar] : []));
        expect(run.last).toEqual(evaluateAt(market, allBars));
        checkInvariants(run.last as TrackedOutcome);
      }),
      REPLAY_RUNS,
    );
  });
});

describe('calendar properties', () => {
  const date = fc.integer({ min: 0, max: 365 * 40 }).map((offset) => addDays('1995-01-01', offset));

  it('counts back exactly the sessions it stepped over', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -60, max: 60 }), (start, n) => {
        // Backwards from a closed day, (target, start] holds one session fewer than stepped over.
        fc.pre(n >= 0 || nyse.isSession(start));
        const target = nyse.nthSessionAfter(start, n);
        if (n !== 0) expect(nyse.isSession(target)).toBe(true);
        expect(nyse.sessionCountBetween(start, target)).toBe(n);
      }),
      RUNS,
    );
  });

  it('reads back the New York date of any local time on that date', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, hour, minute) => {
          // 02:xx does not exist on the spring-forward day.
          fc.pre(hour !== 2);
          expect(nyse.sessionDateOf(newYorkTime(day, hour, minute))).toBe(day);
        },
      ),
      RUNS,
    );
  });

  it('has a plausible 246 to 254 sessions in every year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1999, max: 2100 }), (year) => {
        const sessions = nyse.sessionsBetween(`${year}-01-01`, `${year}-12-31`).length;
        expect(sessions).toBeGreaterThanOrEqual(246);
        expect(sessions).toBeLessThanOrEqual(254);
      }),
      { numRuns: 30 },
    );
  });
});
