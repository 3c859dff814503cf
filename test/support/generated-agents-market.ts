import type {
  DiscoveryRun,
  DiscoveryStage,
  MarketBar,
  PositionSnapshot,
} from '../../schemas/types.generated.ts';
import { lcg } from './generated-market.ts';
import { dailyBar, discoveryRun, weekdaysFrom } from './market.ts';

export interface GeneratedAgentsMarket {
  readonly runs: DiscoveryRun[];
  readonly positions: PositionSnapshot[];
  readonly bars: MarketBar[];
}

const STAGES = [
  'universe_loading',
  'price_filtering',
  'volume_filtering',
  'squeeze_detection',
  'final_ranking',
];

/**
 * Thirty discovery runs of varied duration, candidates, timings and
 * rejections (some relaxed, some slow, some short of candidates), and a dozen
 * holdings over 55 sessions whose prices wander and fall, with volume that
 * swells and dries up; a few positions are re-priced or closed on the way.
 */
export function generatedAgentsMarket(seed = 11): GeneratedAgentsMarket {
  const random = lcg(seed);
  const between = (low: number, high: number) => low + random() * (high - low);
  const runs = Array.from({ length: 30 }, (_, i) => {
    const duration = Math.round(random() < 0.2 ? between(15_000, 25_000) : between(6_000, 12_000));
    const candidates = Array.from({ length: Math.floor(between(random() < 0.15 ? 0 : 5, 16)) }, (_, c) => ({
      symbol: `R${c}`,
      price: between(2, 60),
    }));
    const stages = STAGES.map((name, s): DiscoveryStage => {
      const symbolsIn = Math.round(between(100, 10_000) / (s + 1));
      const rejections: Record<string, number> =
        random() < 0.5 ? {} : { thin: Math.round(between(0, 500)), halted: Math.round(between(0, 50)) };
      return {
        name,
        duration_ms: random() < 0.3 ? null : Math.round(between(100, 4_000)),
        symbols_in: symbolsIn,
        symbols_out: Math.round(symbolsIn * between(0.1, 0.9)),
        rejections,
      };
    });
    const run = discoveryRun(
      `G${String(i).padStart(2, '0')}`,
      Date.parse('2026-03-02T14:00:00Z') + i * 3 * 3_600_000,
      candidates,
    );
    return {
      ...run,
      started_at: run.finished_at - duration,
      duration_ms: duration,
      stages,
      relaxed: random() < 0.2,
    };
  });

  const sessions = weekdaysFrom('2026-03-02', 55, ['2026-04-03']);
  const positions: PositionSnapshot[] = [];
  const bars: MarketBar[] = [];
  const theses = [
    'volume breakout ahead of a catalyst',
    'volume spike',
    'earnings catalyst',
    'momentum',
    null,
  ];
  for (let h = 0; h < 12; h++) {
    const symbol = `H${String(h).padStart(2, '0')}`;
    const entry = between(10, 80);
    const entryAt = Date.parse(`${sessions[h % 5]}T15:00:00Z`);
    const opening: PositionSnapshot = {
      symbol,
      quantity: Math.round(between(50, 600)),
      avg_entry_price: entry,
      entry_date: entryAt,
      thesis: theses[h % theses.length] ?? null,
      account_equity: Math.round(between(50_000, 300_000)),
      as_of: entryAt,
    };
    positions.push(opening);
    if (h % 4 === 1)
      positions.push({ ...opening, quantity: 0, as_of: Date.parse(`${sessions[35]}T21:00:00Z`) });
    if (h % 4 === 2)
      positions.push({
        ...opening,
        avg_entry_price: entry * 0.95,
        as_of: Date.parse(`${sessions[20]}T21:00:00Z`),
      });
    let close = entry;
    for (const [k, session] of sessions.entries()) {
      if (h === 7 && k > 30) break; // stops trading: its outcomes end missing
      close = Math.max(0.5, close * (1 + between(-0.06, 0.045)));
      const bar = dailyBar(symbol, session, close, { high: close * 0.02, low: close * 0.02 });
      bars.push({ ...bar, volume: Math.round(between(200_000, 2_000_000)) });
    }
  }
  return { runs, positions, bars };
}
