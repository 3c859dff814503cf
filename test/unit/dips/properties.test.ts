import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DipAnalysis, MarketBar, PositionSnapshot } from '../../../schemas/types.generated.ts';
import { createAlertsConfig } from '../../../streams/alerts/domain/index.ts';
import { dipProcessor } from '../../../streams/dips/dip-processor.ts';
import {
  analyseSession,
  DEFAULT_DIPS_CONFIG as config,
  dailyBarsBySession,
  type HoldingSnapshot,
} from '../../../streams/dips/domain/index.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import type { InputRecord } from '../../../streams/runtime/types.ts';
import { NYSE_CALENDAR as calendar } from '../../../streams/tracker/domain/index.ts';
import type { SymbolEnvelope } from '../../../streams/tracker/envelope.ts';
import { ANALYSED, bar, history, MARCH, snapshot } from './support.ts';

const context = { config, calendar };

const record = (value: SymbolEnvelope, timestamp: number): Omit<InputRecord<SymbolEnvelope>, 'offset'> => ({
  topic: 'by-symbol',
  partition: 0,
  timestamp,
  key: 'DIP',
  value,
});
const barRecord = (b: MarketBar) => record({ kind: 'bar', bar: b }, b.timestamp);
const positionRecord = (p: HoldingSnapshot) =>
  record({ kind: 'position', position: p as PositionSnapshot }, p.as_of);

/** The analyses standing after a run of the processor: the last version of each, withdrawn ones left out. */
function standing(records: readonly Omit<InputRecord<SymbolEnvelope>, 'offset'>[]) {
  const definition = dipProcessor({
    applicationId: 'dips-order',
    input: 'by-symbol',
    analyses: 'analyses',
    alertCandidates: 'alerts',
    alertsConfig: createAlertsConfig(),
  });
  const result = runInMemory(
    definition,
    records.map((r, i) => ({ ...r, offset: String(i) })),
  );
  const latest = new Map<string, DipAnalysis>();
  for (const out of result.outputs.get(0) ?? []) {
    if (out.topic !== 'analyses') continue;
    const analysis = out.value as DipAnalysis;
    if ((latest.get(analysis.analysis_id)?.version ?? 0) < analysis.version)
      latest.set(analysis.analysis_id, analysis);
  }
  return [...latest.values()]
    .filter((a) => !a.withdrawn)
    .map(({ version: _version, ...rest }) => rest)
    .sort((a, b) => a.session_date.localeCompare(b.session_date));
}
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

  it('ends with the same analyses whatever order the bars and snapshots arrive in', () => {
    const records = [
      ...history().map(barRecord),
      ...['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02'].map((s, i) =>
        barRecord(bar(s, 43 - i * 2, 1_400_000)),
      ),
      positionRecord(snapshot()),
      positionRecord(snapshot({ avg_entry_price: 49, as_of: Date.parse('2026-03-30T21:00:00Z') })),
      positionRecord(snapshot({ quantity: 0, as_of: Date.parse('2026-04-01T21:00:00Z') })),
    ];
    const reference = standing(records);
    expect(reference.map((a) => `${a.session_date} ${a.action}`)).toEqual([
      '2026-03-30 BUY_MORE',
      '2026-03-31 BUY_MORE',
    ]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
        (order) => {
          expect(standing(order)).toEqual(reference);
        },
      ),
      { numRuns: 40 },
    );
  });
});
