import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIPS_CONFIG as config,
  sizeAddition,
  tierFor,
  tradePlan,
} from '../../../streams/dips/domain/index.ts';

const [strong, moderate] = config.buyMoreTiers;

describe('buy-more tiers', () => {
  it.each([
    [0.8, -15, strong],
    [0.9, -40, strong],
    [0.8, -14.99, moderate],
    [0.79, -30, moderate],
    [0.7, -10, moderate],
    [0.7, -9.99, null],
    [0.69, -30, null],
  ])('strength %d at %d%% → %o', (strength, dip, tier) => {
    expect(tierFor(strength, dip, config.buyMoreTiers)).toBe(tier);
  });
});

describe('sizing within the 25% cap on the whole position', () => {
  const base = { tier: strong!, price: 40, account_equity: 100_000, cap_pct: 25 };

  it('adds the tier’s share of equity when the cap leaves room', () => {
    expect(sizeAddition({ ...base, position_value: 5_000 })).toEqual({
      pct_of_equity: 20,
      amount: 20_000,
      shares: 500,
      reasons: [],
    });
  });

  it('cuts the add to what the cap allows, and says so', () => {
    expect(sizeAddition({ ...base, position_value: 12_000 })).toEqual({
      pct_of_equity: 13,
      amount: 13_000,
      shares: 325,
      reasons: ['capped: the position is 12% of equity and may reach 25%, so 13% is added instead of 20%'],
    });
  });

  it.each([25_000, 26_000])('adds nothing at or above the cap (position %d), and says so', (value) => {
    const sizing = sizeAddition({ ...base, position_value: value });
    expect(sizing).toMatchObject({ pct_of_equity: 0, amount: 0, shares: 0 });
    expect(sizing.reasons).toEqual([
      `nothing added: the position is already ${value / 1_000}% of equity, at or above the 25% cap`,
    ]);
  });

  it('rounds money down to whole cents', () => {
    const sizing = sizeAddition({ ...base, account_equity: 33_333.333, position_value: 0 });
    expect(sizing.amount).toBe(6_666.66);
  });
});

describe('trade plan', () => {
  it('entry ±2%, stop 0.85 × price, take-profits 1.10 and 1.25 × entry, reward over risk to the first', () => {
    const plan = tradePlan(40, config.plan);
    expect(plan.entry_low).toBeCloseTo(39.2, 12);
    expect(plan.entry_high).toBeCloseTo(40.8, 12);
    expect(plan.stop_loss).toBeCloseTo(34, 12);
    expect(plan.take_profit_1).toBeCloseTo(44, 12);
    expect(plan.take_profit_2).toBe(50);
    expect(plan.risk_reward).toBeCloseTo(4 / 6, 12);
  });
});
