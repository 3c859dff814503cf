import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseSession,
  DEFAULT_DIPS_CONFIG as config,
  dailyBarsBySession,
  dueAnalyses,
  EMPTY_HOLDING,
  type HoldingState,
  withAnalyses,
  withBar,
  withSnapshot,
} from '../../../streams/dips/domain/index.ts';
import { NYSE_CALENDAR as calendar } from '../../../streams/tracker/domain/index.ts';
import { ANALYSED, bar, history, MARCH, snapshot } from './support.ts';

const context = { config, calendar };
const thesisArb = fc.constantFrom(
  null,
  'volume breakout',
  'earnings catalyst',
  'volume and catalyst',
  'momentum',
);

const caseArb = fc.record({
  close: fc.double({ min: 1, max: 120, noNaN: true }),
  entry: fc.double({ min: 1, max: 120, noNaN: true }),
  quantity: fc.double({ min: 0.001, max: 5_000, noNaN: true }),
  equity: fc.double({ min: 1_000, max: 5_000_000, noNaN: true }),
  volume: fc.integer({ min: 0, max: 5_000_000 }),
  historyVolume: fc.integer({ min: 0, max: 3_000_000 }),
  historySessions: fc.integer({ min: 0, max: 20 }),
  thesis: thesisArb,
  entryDay: fc.integer({ min: 0, max: 19 }),
});

describe('buy-the-dip properties', () => {
  it('never sizes the whole position past 25% of equity; risk/reward is positive when BUY_MORE; strength in [0, 1]', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const today = { ...bar(ANALYSED, c.close), volume: c.volume };
        const previous = history(c.historyVolume).slice(20 - c.historySessions);
        const holding = snapshot({
          avg_entry_price: c.entry,
          quantity: c.quantity,
          account_equity: c.equity,
          thesis: c.thesis,
          entry_date: Date.parse(`${MARCH[c.entryDay]}T15:00:00Z`),
        });
        const decision = analyseSession(
          {
            session: ANALYSED,
            bar: today,
            snapshot: holding,
            dailyBars: dailyBarsBySession('DIP', [...previous, today], calendar),
          },
          context,
        );
        const returnPct = ((c.close - c.entry) / c.entry) * 100;
        expect(decision === null).toBe(!(returnPct < -10));
        if (decision === null) return;
        expect(decision.thesis_strength).toBeGreaterThanOrEqual(0);
        expect(decision.thesis_strength).toBeLessThanOrEqual(1);
        expect(decision.thesis_factors).toHaveLength(3);
        if (decision.action === 'HOLD') {
          expect(decision.sizing).toBeNull();
          return;
        }
        const sizing = decision.sizing!;
        expect(sizing.amount).toBeGreaterThanOrEqual(0);
        const after = decision.position_value + sizing.amount;
        const cap = (config.positionCapPct / 100) * c.equity;
        // Whole cents are rounded down; one ulp of float arithmetic is all that may remain.
        if (decision.position_value <= cap) expect(after).toBeLessThanOrEqual(cap * (1 + 1e-12));
        else expect(sizing.amount).toBe(0);
        expect(decision.plan!.risk_reward).toBeGreaterThan(0);
        expect(decision.plan!.stop_loss).toBeLessThan(c.close);
        expect(decision.plan!.take_profit_1).toBeGreaterThan(c.close);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same analyses whatever the order the one snapshot and the bars arrive in', () => {
    const bars = [
      ...history(),
      ...['2026-03-30', '2026-03-31', '2026-04-01'].map((s, i) => bar(s, 43 - i * 2, 1_400_000)),
    ];
    const analysesWithSnapshotAt = (position: number) => {
      let state: HoldingState = EMPTY_HOLDING;
      const emitted = [];
      for (const event of [...bars.slice(0, position), null, ...bars.slice(position)]) {
        state = event === null ? withSnapshot(state, snapshot()) : withBar(state, event);
        const due = dueAnalyses('DIP', state, context);
        emitted.push(...due);
        state = withAnalyses(state, due, []);
      }
      return emitted;
    };
    const reference = analysesWithSnapshotAt(0);
    expect(reference.map((d) => d.session_date)).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bars.length }), (position) => {
        expect(analysesWithSnapshotAt(position)).toEqual(reference);
      }),
      { numRuns: 30 },
    );
  });
});
