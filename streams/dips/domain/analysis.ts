/**
 * One analysis of a holding on one daily bar: considered only while the
 * position is open and its unrealized return is below the threshold; then
 * the thesis, the action, the size and the trade plan, with reasons in words.
 */
import { formatNumber } from '../../shared/format-number.ts';
import { type ExchangeCalendar, type PriceBar, returnPct } from '../../tracker/domain/index.ts';
import { analysisIdOf } from './codes.ts';
import type { BuyMoreTier, DipsConfig } from './config.ts';
import { daysHeld } from './holding.ts';
import { sizeAddition, tierFor, tradePlan } from './sizing.ts';
import { assessThesis } from './thesis.ts';
import type { DipDecision, HoldingSnapshot } from './types.ts';
import { readVolume } from './volume.ts';

export interface SessionInput {
  readonly session: string;
  /** The session's daily bar. */
  readonly bar: PriceBar;
  /** The snapshot in force at the session (see snapshotInForce). */
  readonly snapshot: HoldingSnapshot | null;
  /** The symbol's daily bars by session, for its own average volume. */
  readonly dailyBars: ReadonlyMap<string, PriceBar>;
}

export interface AnalysisContext {
  readonly config: DipsConfig;
  readonly calendar: ExchangeCalendar;
}

const fmt = (value: number) => formatNumber(value);
const tierText = (tier: BuyMoreTier) =>
  `strength >= ${tier.minStrength} at a dip <= ${tier.maxReturnPct}% adds ${tier.addPctOfEquity}% of equity`;

/** Why the holding is not analysed on this session, or null when it is. */
export function notConsideredBecause(input: SessionInput, context: AnalysisContext): string | null {
  const { snapshot } = input;
  if (snapshot === null) return 'no position snapshot on or before the session';
  if (!(snapshot.quantity > 0)) return 'the position is closed';
  if (daysHeld(snapshot, input.session, context.calendar) < 0)
    return 'the position was opened after the session';
  const change = returnPct(input.bar.close, snapshot.avg_entry_price);
  if (!(change < context.config.considerBelowReturnPct)) {
    return `unrealized return ${fmt(change)}% is not below ${context.config.considerBelowReturnPct}%`;
  }
  return null;
}

/** The analysis, or null when the holding is not considered on this session. */
export function analyseSession(input: SessionInput, context: AnalysisContext): DipDecision | null {
  const { snapshot, bar, session } = input;
  const { config, calendar } = context;
  if (snapshot === null || notConsideredBecause(input, context) !== null) return null;
  const price = bar.close;
  const unrealized = returnPct(price, snapshot.avg_entry_price);
  const held = daysHeld(snapshot, session, calendar);
  const thesis = assessThesis(
    {
      thesis: snapshot.thesis,
      volume: readVolume(bar, session, input.dailyBars, config.thesis.volume, calendar),
      days_held: held,
      entry_date: calendar.sessionDateOf(snapshot.entry_date),
      unrealized_return_pct: unrealized,
    },
    config.thesis,
    config.grades,
  );
  const positionValue = snapshot.quantity * price;
  const tier = tierFor(thesis.strength, unrealized, config.buyMoreTiers);
  const reasons = [
    `down ${fmt(-unrealized)}% from the average entry ${fmt(snapshot.avg_entry_price)} at ${fmt(price)}, ` +
      `below the ${config.considerBelowReturnPct}% threshold`,
  ];
  const grade = `${thesis.grade} thesis (${fmt(thesis.strength)})`;
  const sizing =
    tier === null
      ? null
      : sizeAddition({
          tier,
          price,
          position_value: positionValue,
          account_equity: snapshot.account_equity,
          cap_pct: config.positionCapPct,
        });
  if (tier === null) {
    const tiers = config.buyMoreTiers.map(tierText).join('; ');
    reasons.push(`HOLD: no buy-more tier fits a ${grade} at ${fmt(unrealized)}% (${tiers || 'no tiers'})`);
  } else {
    reasons.push(`BUY_MORE: a ${grade} at ${fmt(unrealized)}% fits the tier: ${tierText(tier)}`);
    reasons.push(...(sizing?.reasons ?? []));
  }
  return {
    analysis_id: analysisIdOf(snapshot.symbol, session),
    symbol: snapshot.symbol,
    session_date: session,
    analyzed_at: bar.timestamp,
    current_price: price,
    avg_entry_price: snapshot.avg_entry_price,
    quantity: snapshot.quantity,
    days_held: held,
    account_equity: snapshot.account_equity,
    position_value: positionValue,
    position_pct_of_equity: (positionValue / snapshot.account_equity) * 100,
    unrealized_return_pct: unrealized,
    thesis: snapshot.thesis,
    thesis_strength: thesis.strength,
    thesis_grade: thesis.grade,
    thesis_factors: thesis.factors,
    action: tier === null ? 'HOLD' : 'BUY_MORE',
    sizing,
    plan: tier === null ? null : tradePlan(price, config.plan),
    position_cap_pct: config.positionCapPct,
    reasons,
  };
}
