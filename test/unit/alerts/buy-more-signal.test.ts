import { describe, expect, it } from 'vitest';
import {
  type BuyMoreSignalInput,
  buildBuyMoreSignalAlert,
} from '../../../streams/alerts/domain/builders/buy-more-signal.ts';
import { DEFAULT_ALERTS_CONFIG } from '../../../streams/alerts/domain/config.ts';
import { InvalidAlertInputError } from '../../../streams/alerts/domain/errors.ts';

const rule = DEFAULT_ALERTS_CONFIG.buy_more_signal;

function signal(overrides: Partial<BuyMoreSignalInput> = {}): BuyMoreSignalInput {
  return {
    analysis_id: 'DIP:2026-03-30',
    symbol: 'DIP',
    session_date: '2026-03-30',
    action: 'BUY_MORE',
    thesis_strength: 0.9,
    thesis_grade: 'STRONG',
    unrealized_return_pct: -16,
    current_price: 42,
    suggested_amount: 20_000,
    suggested_shares: 476.19,
    stop_loss: 35.7,
    take_profit_1: 46.2,
    event_time: 1_774_881_000_000,
    ...overrides,
  };
}

describe('buildBuyMoreSignalAlert', () => {
  it('builds a HIGH signal keyed by analysis for a 0.9 thesis', () => {
    expect(buildBuyMoreSignalAlert(signal(), rule)).toEqual({
      type: 'BUY_MORE_SIGNAL',
      severity: 'HIGH',
      component: 'buy-the-dip-validator',
      title: 'Buy more DIP: STRONG thesis at -16.0%',
      message:
        'DIP closed at 42.00 on 2026-03-30, -16.0% against its entry; the thesis is STRONG (0.90). ' +
        'Suggested add: 20000.00 (476.19 shares), stop 35.70, first take-profit 46.20.',
      data: {
        analysis_id: 'DIP:2026-03-30',
        symbol: 'DIP',
        session_date: '2026-03-30',
        thesis_strength: '0.9',
        unrealized_return_pct: '-16',
        suggested_amount: '20000',
        suggested_shares: '476.19',
      },
      dedup_key: 'buy_more_signal:DIP:2026-03-30',
      event_time: 1_774_881_000_000,
    });
  });

  it.each([
    [0.7, 'INFO'],
    [0.7999, 'INFO'],
    [0.8, 'WARNING'],
    [0.8999, 'WARNING'],
    [0.9, 'HIGH'],
    [1, 'HIGH'],
  ])('strength %d gives %s', (strength, severity) => {
    expect(buildBuyMoreSignalAlert(signal({ thesis_strength: strength }), rule)?.severity).toBe(severity);
  });

  it('raises nothing for a HOLD, or when the cap leaves nothing to add', () => {
    expect(buildBuyMoreSignalAlert(signal({ action: 'HOLD' }), rule)).toBeNull();
    expect(buildBuyMoreSignalAlert(signal({ suggested_amount: 0, suggested_shares: 0 }), rule)).toBeNull();
  });

  it('follows a configured ladder', () => {
    const strict = { warning_from_strength: 0.95, high_from_strength: 0.99 };
    expect(buildBuyMoreSignalAlert(signal(), strict)?.severity).toBe('INFO');
  });

  it('rejects a non-finite strength', () => {
    expect(() => buildBuyMoreSignalAlert(signal({ thesis_strength: Number.NaN }), rule)).toThrow(
      InvalidAlertInputError,
    );
  });
});
