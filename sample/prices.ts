/**
 * Daily bars of one symbol: a random walk with its own drift, calm and
 * stormy volatility regimes, overnight gaps, volume spikes, and catalysts (a
 * volume spike followed by weeks of stronger drift, the signal the discovery
 * runs pick up). One symbol is halted for three sessions, one is delisted.
 */
import type { MarketBar } from '../schemas/types.generated.ts';
import { instantAtLocal } from '../streams/shared/zoned-time.ts';
import { NYSE_CALENDAR } from '../streams/tracker/domain/index.ts';
import type { Draws } from './random.ts';

/** The default exchange's; a configured calendar brings its own. */
export const EXCHANGE_TIME_ZONE = NYSE_CALENDAR.timeZone;

export interface SymbolPath {
  readonly symbol: string;
  /** One entry per session; null where the symbol did not trade (halted, delisted). */
  readonly bars: readonly (MarketBar | null)[];
  /** Each session's volume over the average of the 20 before it (1 when there is no history). */
  readonly volumeSpike: readonly number[];
}

export interface PathPlan {
  readonly haltedFrom?: number;
  readonly delistedAfter?: number;
}

const CALM = 0.015;
const STORMY = 0.04;

export function symbolPath(
  symbol: string,
  sessions: readonly string[],
  random: Draws,
  plan: PathPlan,
  timeZone: string = EXCHANGE_TIME_ZONE,
): SymbolPath {
  let close = Math.exp(random.between(Math.log(2), Math.log(150)));
  const drift = 0.0002 + 0.0008 * random.normal();
  const baseVolume = Math.exp(random.between(Math.log(200_000), Math.log(5_000_000)));
  let sigma = CALM;
  let boostLeft = 0;
  let boost = 0;
  const bars: (MarketBar | null)[] = [];
  const volumes: number[] = [];
  const spikes: number[] = [];
  for (const [k, session] of sessions.entries()) {
    if (random.chance(0.03)) sigma = sigma === CALM ? STORMY : CALM;
    let volume = baseVolume * Math.exp(0.3 * random.normal());
    if (random.chance(0.02)) {
      // A catalyst: heavy volume, then weeks of stronger drift (on average up, not always).
      volume *= random.between(3, 8);
      boost = 0.006 + 0.005 * random.normal();
      boostLeft = 20;
    } else if (random.chance(0.03)) volume *= random.between(2, 4);
    const gap = random.chance(0.01) ? random.between(-0.15, 0.15) : 0;
    const r = drift + (boostLeft > 0 ? boost : 0) + sigma * random.normal();
    boostLeft = Math.max(0, boostLeft - 1);
    const open = close * Math.exp(gap);
    const next = Math.max(0.05, open * Math.exp(r));
    const high = Math.max(open, next) * (1 + Math.abs(random.normal()) * sigma * 0.5);
    const low = Math.max(0.01, Math.min(open, next) * (1 - Math.abs(random.normal()) * sigma * 0.5));
    const recent = volumes.slice(-20);
    spikes.push(recent.length === 0 ? 1 : volume / (recent.reduce((a, b) => a + b, 0) / recent.length));
    volumes.push(volume);
    close = next;
    const halted = plan.haltedFrom !== undefined && k >= plan.haltedFrom && k < plan.haltedFrom + 3;
    const delisted = plan.delistedAfter !== undefined && k > plan.delistedAfter;
    bars.push(
      halted || delisted
        ? null
        : {
            symbol,
            interval: '1d',
            timestamp: instantAtLocal(session, 9, 30, timeZone),
            open: round(open),
            high: round(high),
            low: round(low),
            close: round(next),
            volume: Math.round(volume),
          },
    );
  }
  return { symbol, bars, volumeSpike: spikes };
}

/** Quotes carry four decimals; high and low stay around open and close after rounding. */
function round(price: number): number {
  return Math.round(price * 10_000) / 10_000;
}
