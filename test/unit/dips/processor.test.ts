import { describe, expect, it } from 'vitest';
import type { DipAnalysis, MarketBar, PositionSnapshot } from '../../../schemas/types.generated.ts';
import { createAlertsConfig } from '../../../streams/alerts/domain/index.ts';
import { dipProcessor } from '../../../streams/dips/dip-processor.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import type { InputRecord } from '../../../streams/runtime/types.ts';
import type { SymbolEnvelope } from '../../../streams/tracker/envelope.ts';
import { ANALYSED, bar, history, sessionsFrom, snapshot } from './support.ts';

const definition = () =>
  dipProcessor({
    applicationId: 'dips-test',
    input: 'by-symbol',
    analyses: 'analyses',
    alertCandidates: 'alerts-by-type',
    alertsConfig: createAlertsConfig(),
  });

let offset = 0;
const record = (key: string, value: SymbolEnvelope, timestamp: number): InputRecord<SymbolEnvelope> => ({
  topic: 'by-symbol',
  partition: 0,
  offset: String(offset++),
  timestamp,
  key,
  value,
});
const barRecord = (b: MarketBar) => record(b.symbol, { kind: 'bar', bar: b }, b.timestamp);
const positionRecord = (p: PositionSnapshot) => record(p.symbol, { kind: 'position', position: p }, p.as_of);

const analyses = (result: ReturnType<typeof runInMemory>) =>
  (result.outputs.get(0) ?? []).filter((o) => o.topic === 'analyses').map((o) => o.value as DipAnalysis);

const AFTER = sessionsFrom('2026-03-31', 34); // the 30th is 2026-05-12

describe('the dip processor', () => {
  const opening = positionRecord(snapshot() as PositionSnapshot);
  const march = history().map(barRecord);

  it('analyses the dipped session once, raises the signal, and ignores recommendations', () => {
    const dip = barRecord(bar(ANALYSED, 42, 1_500_000));
    const recommendation = record(
      'DIP',
      { kind: 'recommendation', recommendation: {} as never },
      dip.value.kind === 'bar' ? dip.timestamp : 0,
    );
    const result = runInMemory(definition(), [opening, ...march, dip, recommendation, dip]);
    const outputs = result.outputs.get(0) ?? [];
    expect(analyses(result)).toHaveLength(1);
    expect(analyses(result)[0]).toMatchObject({
      analysis_id: 'DIP:2026-03-30',
      action: 'BUY_MORE',
      thesis_grade: 'STRONG',
      suggested_amount: 20_000,
      final: false,
      version: 1,
      outcome_price_30d: null,
    });
    expect(outputs.find((o) => o.topic === 'alerts-by-type')).toMatchObject({
      key: 'buy_more_signal',
      value: {
        kind: 'candidate',
        candidate: { type: 'BUY_MORE_SIGNAL', severity: 'HIGH', dedup_key: 'buy_more_signal:DIP:2026-03-30' },
      },
    });
    expect(result.rejected).toEqual([]);
  });

  it('restates the BUY_MORE with its 30-session outcome, version 2, final', () => {
    const dip = barRecord(bar(ANALYSED, 42, 1_500_000));
    const later = AFTER.slice(0, 30).map((s, i) => barRecord(bar(s, i === 29 ? 46.2 : 39, 800_000)));
    const result = runInMemory(definition(), [opening, ...march, dip, ...later]);
    const dipAnalyses = analyses(result).filter((a) => a.analysis_id === 'DIP:2026-03-30');
    expect(dipAnalyses.map((a) => [a.version, a.final])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(dipAnalyses[1]).toMatchObject({
      outcome_price_30d: 46.2,
      outcome_success: true,
      suggested_amount: 20_000,
    });
    expect(dipAnalyses[1]?.outcome_return_pct_30d).toBeCloseTo(10, 9);
  });

  it('declares the outcome missing by timer when the symbol stops trading and another moves stream time', () => {
    const dip = barRecord(bar(ANALYSED, 42, 1_500_000));
    const other = AFTER.map((s) => barRecord(bar(s, 20, 1_000, 'OTHER')));
    const result = runInMemory(definition(), [opening, ...march, dip, ...other]);
    const last = analyses(result)
      .filter((a) => a.symbol === 'DIP')
      .at(-1);
    expect(last).toMatchObject({ version: 2, final: true, outcome_price_30d: null, outcome_success: null });
  });

  it('stops analysing a closed position, and follows a HOLD not at all', () => {
    const closed = positionRecord({
      ...snapshot(),
      quantity: 0,
      as_of: Date.parse('2026-03-31T20:00:00Z'),
    } as PositionSnapshot);
    const bars = ['2026-03-30', '2026-03-31', '2026-04-01'].map((s) => barRecord(bar(s, 44, 500_000)));
    const result = runInMemory(definition(), [opening, ...march, closed, ...bars]);
    expect(analyses(result).map((a) => [a.session_date, a.action, a.final, a.version])).toEqual([
      // Volume half its average weakens the thesis: 0.5 − 0.1 + 0.1 + 0.1 = 0.6, HOLD, not followed: final at once.
      ['2026-03-30', 'HOLD', true, 1],
    ]);
  });

  it('dead-letters an open position without a positive entry price, and goes on', () => {
    const bad = positionRecord({ ...snapshot(), avg_entry_price: 0 } as PositionSnapshot);
    const missing = positionRecord({
      ...snapshot(),
      avg_entry_price: undefined,
    } as unknown as PositionSnapshot);
    const result = runInMemory(definition(), [
      bad,
      missing,
      opening,
      ...march,
      barRecord(bar(ANALYSED, 42, 1_500_000)),
    ]);
    expect(result.rejected.map((r) => r.rejection.code)).toEqual(['NON_POSITIVE_PRICE', 'MISSING_VALUE']);
    expect(analyses(result)).toHaveLength(1);
  });

  it('ignores finer bars and dead-letters a broken daily bar', () => {
    const hourly = barRecord({ ...bar(ANALYSED, 30), interval: '1h' });
    const broken = barRecord({ ...bar(ANALYSED, 30), low: 50, high: 40 });
    const result = runInMemory(definition(), [opening, ...march, hourly, broken]);
    expect(analyses(result)).toEqual([]);
    expect(result.rejected.map((r) => r.rejection.code)).toEqual(['INCONSISTENT_BAR']);
  });
});
