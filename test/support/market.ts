import type { DiscoveryRun, MarketBar, PositionSnapshot } from '../../schemas/types.generated.ts';

/**
 * Weekdays from `from` (inclusive), skipping the dates in `closed`: the test's
 * own calendar, written out so the answers do not come from the code under test.
 */
export function weekdaysFrom(from: string, count: number, closed: readonly string[] = []): string[] {
  const days: string[] = [];
  const date = new Date(`${from}T00:00:00Z`);
  while (days.length < count) {
    const iso = date.toISOString().slice(0, 10);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.includes(iso)) days.push(iso);
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}

/** 14:30 UTC: the New York morning of the same date, in winter and in summer time. */
export const openOf = (session: string): number => Date.parse(`${session}T14:30:00Z`);

export function dailyBar(
  symbol: string,
  session: string,
  close: number,
  spread: { high: number; low: number },
): MarketBar {
  return {
    symbol,
    interval: '1d',
    timestamp: openOf(session),
    open: close,
    high: close + spread.high,
    low: close - spread.low,
    close,
    volume: 1_000_000,
  };
}

export function discoveryRun(
  runId: string,
  finishedAt: number,
  candidates: { symbol: string; price: number }[],
): DiscoveryRun {
  return {
    run_id: runId,
    started_at: finishedAt - 9_000,
    finished_at: finishedAt,
    duration_ms: 9_000,
    stages: [
      {
        name: 'final_ranking',
        duration_ms: null,
        symbols_in: 40,
        symbols_out: candidates.length,
        rejections: {},
      },
    ],
    candidates: candidates.map((c) => ({
      symbol: c.symbol,
      price: c.price,
      composite_score: 80,
      vigl_score: 0.7,
      factors: { volume_spike: 3.2 },
      thesis: 'volume breakout',
    })),
    parameters: { min_score: 70 },
    relaxed: false,
  };
}

export function openedPosition(symbol: string, entryAt: number, price: number): PositionSnapshot {
  return {
    symbol,
    quantity: 100,
    avg_entry_price: price,
    entry_date: entryAt,
    thesis: 'volume breakout',
    account_equity: 100_000,
    as_of: entryAt,
  };
}
