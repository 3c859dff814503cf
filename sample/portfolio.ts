/**
 * A portfolio that follows the runs: the session after a run it buys, at the
 * open, some of the picks scored at or above the run's threshold (about 5% of
 * equity each, at most 12 holdings); it sells a winner at +25% or after 30
 * sessions in profit, and holds losers through their dips until they are
 * back at their entry price. Each trade is a position snapshot, and every
 * Friday after the close each holding is snapshot again with the account's
 * marked-to-market equity, as a portfolio service would publish.
 */
import type { DiscoveryRun, PositionSnapshot } from '../schemas/types.generated.ts';
import { instantAtLocal } from '../streams/shared/zoned-time.ts';
import { EXCHANGE_TIME_ZONE, type SymbolPath } from './prices.ts';
import type { Draws } from './random.ts';

interface Holding {
  readonly symbol: string;
  readonly quantity: number;
  readonly entryPrice: number;
  readonly entryAt: number;
  readonly enteredAt: number;
  readonly thesis: string | null;
}

const STARTING_CASH = 100_000;
const MAX_HOLDINGS = 12;

export function portfolioSnapshots(
  sessions: readonly string[],
  paths: readonly SymbolPath[],
  runsBySession: ReadonlyMap<number, DiscoveryRun>,
  random: Draws,
  timeZone: string = EXCHANGE_TIME_ZONE,
): PositionSnapshot[] {
  const bySymbol = new Map(paths.map((p) => [p.symbol, p]));
  const holdings = new Map<string, Holding>();
  const snapshots: PositionSnapshot[] = [];
  let cash = STARTING_CASH;
  const lastClose = (symbol: string, k: number) => {
    const bars = bySymbol.get(symbol)!.bars;
    for (let j = k; j >= 0; j--) if (bars[j]) return bars[j]!.close;
    return 0;
  };
  const equityAt = (k: number) =>
    cash + [...holdings.values()].reduce((sum, h) => sum + h.quantity * lastClose(h.symbol, k), 0);
  const snapshot = (h: Holding, quantity: number, asOf: number, k: number): PositionSnapshot => ({
    symbol: h.symbol,
    quantity,
    avg_entry_price: h.entryPrice,
    entry_date: h.entryAt,
    thesis: h.thesis,
    account_equity: Math.round(equityAt(k) * 100) / 100,
    as_of: asOf,
  });

  for (const [k, session] of sessions.entries()) {
    const run = runsBySession.get(k - 1);
    const openAt = instantAtLocal(session, 9, 45, timeZone);
    const threshold = run?.parameters.composite_score_threshold ?? Number.POSITIVE_INFINITY;
    for (const pick of run?.candidates ?? []) {
      const bar = bySymbol.get(pick.symbol)?.bars[k];
      if (!bar || pick.composite_score < threshold || holdings.has(pick.symbol)) continue;
      if (holdings.size >= MAX_HOLDINGS || !random.chance(0.5)) continue;
      const quantity = Math.floor((0.05 * equityAt(k - 1)) / bar.open);
      if (quantity < 1 || quantity * bar.open > cash) continue;
      cash -= quantity * bar.open;
      const holding = {
        symbol: pick.symbol,
        quantity,
        entryPrice: bar.open,
        entryAt: openAt,
        enteredAt: k,
        thesis: pick.thesis,
      };
      holdings.set(pick.symbol, holding);
      snapshots.push(snapshot(holding, quantity, openAt, k));
    }
    const closeAt = instantAtLocal(session, 15, 55, timeZone);
    for (const holding of [...holdings.values()]) {
      const bar = bySymbol.get(holding.symbol)!.bars[k];
      if (!bar) continue;
      const gain = bar.close / holding.entryPrice - 1;
      const winner = gain >= 0.25 || (k - holding.enteredAt >= 30 && gain > 0);
      const recovered = k - holding.enteredAt > 5 && gain >= 0 && gain < 0.02;
      if (winner || recovered) {
        cash += holding.quantity * bar.close;
        holdings.delete(holding.symbol);
        snapshots.push(snapshot(holding, 0, closeAt, k));
      }
    }
    const friday = new Date(`${session}T12:00:00Z`).getUTCDay() === 5;
    if (friday) {
      const after = instantAtLocal(session, 16, 15, timeZone);
      for (const holding of holdings.values()) snapshots.push(snapshot(holding, holding.quantity, after, k));
    }
  }
  return snapshots;
}
