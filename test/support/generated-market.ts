import type { DiscoveryRun, MarketBar, PositionSnapshot } from '../../schemas/types.generated.ts';
import { dailyBar, discoveryRun, openedPosition, weekdaysFrom } from './market.ts';

/** A seeded generator: the same market on every run. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface GeneratedMarket {
  readonly runs: DiscoveryRun[];
  readonly bars: MarketBar[];
  readonly positions: PositionSnapshot[];
}

/**
 * Random-walk daily bars for forty symbols over 45 sessions, three
 * discovery runs that share some symbols, a few bought picks, one symbol
 * halted for a week and one that stops trading (delisted).
 */
export function generatedMarket(seed = 7): GeneratedMarket {
  const random = lcg(seed);
  const sessions = weekdaysFrom('2026-03-03', 45, ['2026-04-03']);
  const symbols = Array.from({ length: 40 }, (_, i) => `S${String(i).padStart(2, '0')}`);
  const bars: MarketBar[] = [];
  const lastClose = new Map<string, number>();
  for (const [k, session] of sessions.entries()) {
    for (const symbol of symbols) {
      if (symbol === 'S03' && k >= 6 && k <= 11) continue; // halted
      if (symbol === 'S07' && k >= 18) continue; // delisted
      const previous = lastClose.get(symbol) ?? 10 + random() * 40;
      const close = Math.max(0.5, previous * (1 + (random() - 0.48) * 0.08));
      lastClose.set(symbol, close);
      bars.push(
        dailyBar(symbol, session, close, { high: close * random() * 0.03, low: close * random() * 0.03 }),
      );
    }
  }
  const runDays = ['2026-03-02', '2026-03-04', '2026-03-06'];
  const runs = runDays.map((day, r) =>
    discoveryRun(
      `G${r}`,
      Date.parse(`${day}T21:05:00Z`),
      symbols.filter((_, i) => (i + r) % 3 === 0).map((symbol) => ({ symbol, price: 10 + random() * 40 })),
    ),
  );
  const positions = ['S00', 'S06'].map((symbol) =>
    openedPosition(symbol, Date.parse('2026-03-05T15:00:00Z'), 20),
  );
  return { runs, bars, positions };
}
