import type {
  DiscoveryRun,
  DiscoveryStage,
  MarketBar,
  PositionSnapshot,
} from '../../schemas/types.generated.ts';
import { dailyBar, discoveryRun, weekdaysFrom } from './market.ts';

/*
 * Inputs of the discovery monitor and the buy-the-dip validator whose answers
 * are worked out by hand (see agents-answers.ts). Sessions are written out
 * with the test's own calendar: weekdays less Good Friday 2026-04-03.
 */

const HOUR = 3_600_000;
const RUNS_START = Date.parse('2026-03-02T14:00:00Z');

const timedStages: DiscoveryStage[] = [
  { name: 'universe_loading', duration_ms: 1_000, symbols_in: 10_000, symbols_out: 2_000, rejections: {} },
  {
    name: 'volume_filtering',
    duration_ms: 2_000,
    symbols_in: 2_000,
    symbols_out: 400,
    rejections: { thin_volume: 1_500, halted: 100 },
  },
  { name: 'final_ranking', duration_ms: null, symbols_in: 400, symbols_out: 12, rejections: {} },
];

/** Ten runs an hour apart: (duration ms, candidates, relaxed, stage timings). */
export const RUN_SHAPES: readonly (readonly [number, number, boolean, boolean])[] = [
  [8_000, 12, false, true],
  [8_000, 12, false, false],
  [8_000, 12, false, true],
  [8_000, 12, false, true],
  [8_000, 12, false, true],
  [8_000, 2, false, true],
  [12_000, 12, false, true],
  [12_000, 12, false, true],
  [12_000, 12, false, true],
  [21_000, 3, true, true],
];

export function knownRuns(prefix = 'M'): DiscoveryRun[] {
  return RUN_SHAPES.map(([duration, candidates, relaxed, timed], i) => {
    const picks = Array.from({ length: candidates }, (_, c) => ({ symbol: `C${c}`, price: 10 + c }));
    const base = discoveryRun(`${prefix}${i}`, RUNS_START + i * HOUR, picks);
    return {
      ...base,
      started_at: base.finished_at - duration,
      duration_ms: duration,
      relaxed,
      stages: timed ? timedStages : timedStages.map((s) => ({ ...s, duration_ms: null })),
    };
  });
}

export const MARCH = weekdaysFrom('2026-03-02', 20, ['2026-04-03']);
export const DIP_SESSION = '2026-03-30';
/** The 34 sessions after the dip; the 30th, 2026-05-12, is the outcome's. */
export const AFTER = weekdaysFrom('2026-03-31', 34, ['2026-04-03']);

const ENTRY = Date.parse('2026-03-02T15:00:00Z');

function position(symbol: string, overrides: Partial<PositionSnapshot> = {}): PositionSnapshot {
  return {
    symbol,
    quantity: 100,
    avg_entry_price: 50,
    entry_date: ENTRY,
    thesis: 'volume breakout ahead of a catalyst',
    account_equity: 100_000,
    as_of: ENTRY,
    ...overrides,
  };
}

const bar = (symbol: string, session: string, close: number, volume: number): MarketBar => ({
  ...dailyBar(symbol, session, close, { high: 0, low: 0 }),
  high: close * 1.01,
  low: close * 0.99,
  volume,
});

const history = (symbol: string) => MARCH.map((s) => bar(symbol, s, 50, 1_000_000));

export interface DipInputs {
  readonly positions: PositionSnapshot[];
  readonly bars: MarketBar[];
}

/**
 * DIPA: a strong thesis 16% down, then back to 46 (46.2 on the outcome session).
 * CAPD: the same, but 700 shares are already past the 25% cap.
 * NOVL: opened three days before the dip, no volume history.
 * HLDX: a momentum thesis 12% down: HOLD.
 * CLSD: closed before the dip. BADP: an open position priced at 0.
 */
export function knownDips(suffix = ''): DipInputs {
  const s = (symbol: string) => `${symbol}${suffix}`;
  const novlEntry = Date.parse('2026-03-27T15:00:00Z');
  const positions = [
    position(s('DIPA')),
    position(s('CAPD'), { quantity: 700 }),
    position(s('NOVL'), { entry_date: novlEntry, as_of: novlEntry }),
    position(s('HLDX'), { thesis: 'momentum' }),
    position(s('CLSD')),
    position(s('CLSD'), { quantity: 0, as_of: Date.parse('2026-03-27T20:00:00Z') }),
    position(s('BADP'), { avg_entry_price: 0 }),
  ];
  const bars = [
    ...history(s('DIPA')),
    bar(s('DIPA'), DIP_SESSION, 42, 1_500_000),
    ...AFTER.map((session, i) => bar(s('DIPA'), session, i === 29 ? 46.2 : 46, 1_000_000)),
    ...history(s('CAPD')),
    bar(s('CAPD'), DIP_SESSION, 42, 1_500_000),
    bar(s('NOVL'), DIP_SESSION, 42, 1_500_000),
    ...history(s('HLDX')),
    bar(s('HLDX'), DIP_SESSION, 44, 1_000_000),
    ...history(s('CLSD')),
    bar(s('CLSD'), DIP_SESSION, 30, 1_000_000),
  ];
  return { positions, bars };
}
