import type { MarketBar, Recommendation } from '../../schemas/types.generated.ts';
import type { InputRecord } from '../../streams/runtime/types.ts';
import { NYSE_CALENDAR } from '../../streams/tracker/domain/index.ts';
import type { SymbolEnvelope } from '../../streams/tracker/envelope.ts';

export interface FeedOptions {
  readonly symbols: number;
  /** Bars per symbol. */
  readonly barsPerSymbol: number;
  /** '1d', or a finer interval such as '1m' (390 bars a session). */
  readonly interval: '1d' | '1m';
  /** A new recommendation of each symbol every this many sessions (and one at the start). */
  readonly recommendEverySessions: number;
}

const MINUTE = 60_000;
const BARS_PER_SESSION = { '1d': 1, '1m': 390 } as const;

/** A seeded generator: the same feed on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Input of the tracker in event-time order, as the by-symbol topic carries
 * it: session by session, bar slot by bar slot, every symbol's bar, with each
 * symbol's recommendations after the close of the session they were made in.
 * Random-walk prices; session opens at 14:30 UTC (a New York morning).
 */
export function* trackerFeed(options: FeedOptions): Generator<InputRecord<SymbolEnvelope>> {
  const random = lcg(11);
  const perSession = BARS_PER_SESSION[options.interval];
  const sessions = Math.ceil(options.barsPerSymbol / perSession);
  const symbols = Array.from({ length: options.symbols }, (_, i) => `S${String(i).padStart(4, '0')}`);
  const price = new Map(symbols.map((s) => [s, 10 + random() * 40]));
  let session = NYSE_CALENDAR.nextSession('2025-01-02');
  let offset = 0;
  let written = 0;
  const record = (key: string, timestamp: number, value: SymbolEnvelope): InputRecord<SymbolEnvelope> => ({
    topic: 'by-symbol',
    partition: 0,
    offset: String(offset++),
    timestamp,
    key,
    value,
  });
  for (let s = 0; s < sessions; s++) {
    const open = Date.parse(`${session}T14:30:00Z`);
    for (let slot = 0; slot < perSession && written < options.barsPerSymbol; slot++, written++) {
      const timestamp = open + slot * MINUTE;
      for (const symbol of symbols) {
        const close = Math.max(0.5, price.get(symbol)! * (1 + (random() - 0.5) * 0.01));
        price.set(symbol, close);
        const bar: MarketBar = {
          symbol,
          interval: options.interval,
          timestamp,
          open: close,
          high: close * (1 + random() * 0.002),
          low: close * (1 - random() * 0.002),
          close,
          volume: 1000,
        };
        yield record(symbol, timestamp, { kind: 'bar', bar });
      }
    }
    if (s % options.recommendEverySessions === 0) {
      const discoveredAt = Date.parse(`${session}T21:05:00Z`);
      for (const symbol of symbols) {
        const recommendation: Recommendation = {
          tracking_id: `R${s}:${symbol}`,
          run_id: `R${s}`,
          symbol,
          discovered_at: discoveredAt,
          discovery_price: price.get(symbol)!,
          composite_score: 80,
          vigl_score: 0.7,
          factors: {},
          thesis: 'benchmark',
          relaxed: false,
        };
        yield record(symbol, discoveredAt, { kind: 'recommendation', recommendation });
      }
    }
    session = NYSE_CALENDAR.nextSession(session);
  }
}
