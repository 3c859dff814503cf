import { describe, expect, it } from 'vitest';
import type { MissedOpportunityInput } from '../../../streams/alerts/domain/builders/missed-opportunity.ts';
import { buildMissedOpportunityAlert } from '../../../streams/alerts/domain/builders/missed-opportunity.ts';
import { DEFAULT_ALERTS_CONFIG } from '../../../streams/alerts/domain/config.ts';
import { InvalidAlertInputError } from '../../../streams/alerts/domain/errors.ts';

const rule = DEFAULT_ALERTS_CONFIG.missed_opportunity;

function outcome(overrides: Partial<MissedOpportunityInput> = {}): MissedOpportunityInput {
  return {
    tracking_id: 'run-7:NVDA',
    symbol: 'NVDA',
    run_id: 'run-7',
    bought: false,
    return_30d: 32.5,
    discovery_price: 10,
    price_30d: 13.25,
    event_time: 1_700_000_000_000,
    ...overrides,
  };
}

describe('buildMissedOpportunityAlert', () => {
  it('builds a WARNING keyed by tracking_id for an unbought +32.5%', () => {
    const candidate = buildMissedOpportunityAlert(outcome(), rule);
    expect(candidate).toEqual({
      type: 'MISSED_OPPORTUNITY',
      severity: 'WARNING',
      component: 'recommendation-tracker',
      title: 'Missed opportunity: NVDA +32.5% in 30 days',
      message:
        'NVDA was recommended by discovery run run-7 at 10.00 and not bought; 30 days later it closed at 13.25 (+32.5%).',
      data: {
        tracking_id: 'run-7:NVDA',
        symbol: 'NVDA',
        run_id: 'run-7',
        return_30d: '32.5',
        discovery_price: '10',
        price_30d: '13.25',
      },
      dedup_key: 'missed_opportunity:run-7:NVDA',
      event_time: 1_700_000_000_000,
    });
  });

  it.each([
    [24.99, null],
    [25, 'WARNING'],
    [49.99, 'WARNING'],
    [50, 'HIGH'],
    [400, 'HIGH'],
    [-30, null],
  ])('return_30d %d gives %s', (return30d, severity) => {
    expect(buildMissedOpportunityAlert(outcome({ return_30d: return30d }), rule)?.severity ?? null).toBe(
      severity,
    );
  });

  it('never fires for a bought recommendation, however large the gain', () => {
    expect(buildMissedOpportunityAlert(outcome({ bought: true, return_30d: 90 }), rule)).toBeNull();
  });

  it('waits while the 30-day return is unknown', () => {
    expect(buildMissedOpportunityAlert(outcome({ return_30d: null, price_30d: null }), rule)).toBeNull();
  });

  it('follows configured thresholds', () => {
    const strict = { min_return_pct: 40, high_severity_return_pct: 80 };
    expect(buildMissedOpportunityAlert(outcome({ return_30d: 35 }), strict)).toBeNull();
    expect(buildMissedOpportunityAlert(outcome({ return_30d: 45 }), strict)?.severity).toBe('WARNING');
    expect(buildMissedOpportunityAlert(outcome({ return_30d: 80 }), strict)?.severity).toBe('HIGH');
  });

  it('says so when the 30-day price is missing and leaves it out of data', () => {
    const candidate = buildMissedOpportunityAlert(outcome({ price_30d: null }), rule);
    expect(candidate?.message).toContain('its 30-day price is unknown');
    expect(candidate?.data).not.toHaveProperty('price_30d');
  });

  it('rejects a non-finite return rather than guessing', () => {
    expect(() => buildMissedOpportunityAlert(outcome({ return_30d: Number.NaN }), rule)).toThrow(
      InvalidAlertInputError,
    );
  });
});
