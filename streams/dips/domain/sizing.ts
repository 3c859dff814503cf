/**
 * BUY_MORE or HOLD, how much, and at what levels. The size is a share of the
 * account equity from the tier that fits, cut so the whole position after the
 * add stays within the cap; when the position is already at the cap nothing
 * is added, and the reasons say so.
 */
import { formatNumber } from '../../shared/format-number.ts';
import type { BuyMoreTier, TradePlanRule } from './config.ts';
import type { Sizing, TradePlan } from './types.ts';

/** The first tier (in configured order) the strength and the dip qualify for, or null: HOLD. */
export function tierFor(
  strength: number,
  returnPct: number,
  tiers: readonly BuyMoreTier[],
): BuyMoreTier | null {
  return tiers.find((tier) => strength >= tier.minStrength && returnPct <= tier.maxReturnPct) ?? null;
}

const pct = (value: number) => `${formatNumber(value)}%`;

/**
 * Money is rounded down to whole cents: an add is something one can place,
 * and rounding down keeps the position within the cap.
 */
function floorToCents(amount: number): number {
  return Math.floor(amount * 100) / 100;
}

export interface SizingInput {
  readonly tier: BuyMoreTier;
  readonly price: number;
  readonly position_value: number;
  readonly account_equity: number;
  readonly cap_pct: number;
}

export function sizeAddition(input: SizingInput): Sizing {
  const { tier, price, account_equity: equity } = input;
  const wanted = (tier.addPctOfEquity / 100) * equity;
  const room = (input.cap_pct / 100) * equity - input.position_value;
  const positionPct = (input.position_value / equity) * 100;
  const reasons: string[] = [];
  let amount: number;
  if (room <= 0) {
    amount = 0;
    reasons.push(
      `nothing added: the position is already ${pct(positionPct)} of equity, at or above the ${pct(input.cap_pct)} cap`,
    );
  } else if (room < wanted) {
    amount = floorToCents(room);
    reasons.push(
      `capped: the position is ${pct(positionPct)} of equity and may reach ${pct(input.cap_pct)}, so ` +
        `${pct((amount / equity) * 100)} is added instead of ${pct(tier.addPctOfEquity)}`,
    );
  } else {
    amount = floorToCents(wanted);
  }
  return { pct_of_equity: (amount / equity) * 100, amount, shares: amount / price, reasons };
}

/** Entry range around the price, stop below it, take-profits above the entry; reward to the first over risk. */
export function tradePlan(price: number, rule: TradePlanRule): TradePlan {
  const stop = price * rule.stopLossFactor;
  const [first, second] = rule.takeProfitFactors;
  const takeProfit1 = price * first;
  return {
    entry_low: price * (1 - rule.entryRangePct / 100),
    entry_high: price * (1 + rule.entryRangePct / 100),
    stop_loss: stop,
    take_profit_1: takeProfit1,
    take_profit_2: price * second,
    risk_reward: (takeProfit1 - price) / (price - stop),
  };
}
