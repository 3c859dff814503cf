/**
 * Per-agent statistics over a cycle's window. Pure: the facts in, already
 * read as of the cycle's instant, and the numbers out; a statistic of
 * nothing is null, never zero.
 */
import { mean, median, shareOf } from './descriptive.ts';
import type {
  AlertFact,
  DipFact,
  HealthFact,
  OutcomeCategory,
  OutcomeFact,
  RecommendationFact,
} from './types.ts';

export interface Window {
  /** Inclusive. */
  readonly start: number;
  /** Exclusive: the cycle's instant. */
  readonly end: number;
}

export const inWindow = (window: Window, at: number): boolean => at >= window.start && at < window.end;

export interface TrackerStatistics {
  readonly recommendations: number;
  readonly completed: number;
  /** Completed picks with a 30-day return: the sample of the return statistics. */
  readonly return_sample_size: number;
  readonly success_rate: number | null;
  readonly mean_return_30d_pct: number | null;
  readonly median_return_30d_pct: number | null;
  readonly outcomes_by_category: Readonly<Partial<Record<OutcomeCategory, number>>>;
  readonly missed_opportunities: number;
}

/** Recommendations discovered in the window, and of them those whose outcome was final by its end. */
export function trackerStatistics(
  recommendations: readonly RecommendationFact[],
  outcomeOf: (trackingId: string) => OutcomeFact | undefined,
  window: Window,
): TrackerStatistics {
  const discovered = recommendations.filter((r) => inWindow(window, r.discovered_at));
  const completed = discovered.flatMap((r) => {
    const outcome = outcomeOf(r.tracking_id);
    return outcome?.final ? [outcome] : [];
  });
  const returns = completed.flatMap((o) => (o.return_30d === null ? [] : [o.return_30d]));
  const judged = completed.filter((o) => o.success !== null);
  const categories: Partial<Record<OutcomeCategory, number>> = {};
  for (const o of completed)
    if (o.category !== null) categories[o.category] = (categories[o.category] ?? 0) + 1;
  return {
    recommendations: discovered.length,
    completed: completed.length,
    return_sample_size: returns.length,
    success_rate: shareOf(judged, (o) => o.success === true),
    mean_return_30d_pct: mean(returns),
    median_return_30d_pct: median(returns),
    outcomes_by_category: categories,
    missed_opportunities: completed.filter((o) => o.missed_opportunity).length,
  };
}

export interface DipStatistics {
  readonly analyses: number;
  readonly buy_more_signals: number;
  readonly mean_thesis_strength: number | null;
  readonly buy_more_mean_thesis_strength: number | null;
  /** BUY_MORE signals whose 30-day outcome is known: the sample of success_rate. */
  readonly settled_buy_more: number;
  readonly success_rate: number | null;
}

export function dipStatistics(analyses: readonly DipFact[], window: Window): DipStatistics {
  const current = analyses.filter((a) => inWindow(window, a.analyzed_at));
  const buyMore = current.filter((a) => a.action === 'BUY_MORE');
  const settled = buyMore.filter((a) => a.final && a.outcome_success !== null);
  return {
    analyses: current.length,
    buy_more_signals: buyMore.length,
    mean_thesis_strength: mean(current.map((a) => a.thesis_strength)),
    buy_more_mean_thesis_strength: mean(buyMore.map((a) => a.thesis_strength)),
    settled_buy_more: settled.length,
    success_rate: shareOf(settled, (a) => a.outcome_success === true),
  };
}

export interface MonitorStatistics {
  readonly runs: number;
  readonly mean_health: number | null;
  readonly mean_duration_ms: number | null;
  readonly mean_candidates: number | null;
  readonly alert_count: number;
}

/** Pipeline alerts are those of `alertType`, counted once per alert by when they were first raised. */
export function monitorStatistics(
  health: readonly HealthFact[],
  alerts: readonly AlertFact[],
  window: Window,
  alertType: string,
): MonitorStatistics {
  const runs = health.filter((h) => inWindow(window, h.finished_at));
  return {
    runs: runs.length,
    mean_health: mean(runs.map((h) => h.health_score)),
    mean_duration_ms: mean(runs.map((h) => h.duration_ms)),
    mean_candidates: mean(runs.map((h) => h.candidate_count)),
    alert_count: alerts.filter((a) => a.type === alertType && inWindow(window, a.created_at)).length,
  };
}
