import type {
  DiscoveryRun,
  MarketBar,
  OutcomeCheckpoint,
  PositionSnapshot as PositionRecord,
  RecommendationOutcome,
  Recommendation as RecommendationRecord,
} from '../../schemas/types.generated.ts';
import {
  type ExchangeCalendar,
  type PositionSnapshot,
  type PriceBar,
  type Recommendation,
  type TrackedOutcome,
  trackingIdOf,
} from './domain/index.ts';

/** One recommendation per candidate of a run; the tracking id makes a replayed run recognisable. */
export function recommendationsOf(run: DiscoveryRun): RecommendationRecord[] {
  return run.candidates.map((c) => ({
    tracking_id: trackingIdOf(run.run_id, c.symbol),
    run_id: run.run_id,
    symbol: c.symbol,
    discovered_at: run.finished_at,
    discovery_price: c.price,
    composite_score: c.composite_score,
    vigl_score: c.vigl_score,
    factors: { ...c.factors },
    thesis: c.thesis,
    relaxed: run.relaxed,
  }));
}

export const toDomainRecommendation = (r: RecommendationRecord): Recommendation => ({
  tracking_id: r.tracking_id,
  run_id: r.run_id,
  symbol: r.symbol,
  discovered_at: r.discovered_at,
  discovery_price: r.discovery_price,
});

export const toPriceBar = (b: MarketBar): PriceBar => ({
  symbol: b.symbol,
  interval: b.interval,
  timestamp: b.timestamp,
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
  volume: b.volume,
});

/** The entry instant becomes the exchange-local date the position was opened. */
export const toDomainPosition = (p: PositionRecord, calendar: ExchangeCalendar): PositionSnapshot => ({
  symbol: p.symbol,
  quantity: p.quantity,
  entry_date: p.quantity > 0 ? calendar.sessionDateOf(p.entry_date) : null,
});

const upper = <T extends string>(value: T) => value.toUpperCase() as Uppercase<T>;

export function toOutcomeRecord(outcome: TrackedOutcome, version: number): RecommendationOutcome {
  const checkpoints: OutcomeCheckpoint[] = outcome.checkpoints.map((c) => ({
    days: c.days,
    session_date: c.session,
    status: upper(c.status),
    price: c.price,
    return_pct: c.return_pct,
    missing_reason: c.missing_reason === null ? null : upper(c.missing_reason),
    last_bar_session: c.last_bar_session,
  }));
  return {
    tracking_id: outcome.tracking_id,
    symbol: outcome.symbol,
    run_id: outcome.run_id,
    discovered_at: outcome.discovered_at,
    discovery_price: outcome.discovery_price,
    basis: upper(outcome.basis),
    checkpoints,
    peak_price: outcome.peak_price,
    peak_return_pct: outcome.peak_return_pct,
    days_to_peak: outcome.days_to_peak,
    max_drawdown_pct: outcome.max_drawdown_pct,
    success: outcome.success,
    outcome_category: outcome.outcome_category === null ? null : upper(outcome.outcome_category),
    bought: outcome.bought,
    missed_opportunity: outcome.missed_opportunity === true,
    final: outcome.final,
    version,
    as_of: outcome.as_of,
  };
}
