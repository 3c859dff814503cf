/** From the contracts' records to the coordinator's facts, and from its results back to records. */
import type {
  Alert,
  DipAnalysis,
  DiscoveryRun,
  LearningCycle,
  ParameterValue,
  PipelineHealth,
  Recommendation,
  RecommendationOutcome,
} from '../../schemas/types.generated.ts';
import type {
  AlertFact,
  CycleReport,
  DipFact,
  HealthFact,
  OutcomeFact,
  ParameterChange,
  RecommendationFact,
  RunFact,
} from './domain/index.ts';
import { zonedInstant } from './domain/index.ts';
import type { CoordinatorEnvelope } from './envelope.ts';

export const recommendationFact = (r: Recommendation): RecommendationFact => ({
  tracking_id: r.tracking_id,
  run_id: r.run_id,
  symbol: r.symbol,
  discovered_at: r.discovered_at,
  composite_score: r.composite_score,
  vigl_score: r.vigl_score,
  factors: r.factors,
});

/** The next midnight after a session date, in the exchange's time zone. */
const endOfSession = (sessionDate: string, timeZone: string): number =>
  zonedInstant(
    new Date(Date.parse(`${sessionDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
    0,
    timeZone,
  );

/** The horizon checkpoint (day 30 by default) is the last one; its return when reached. */
export function outcomeFact(o: RecommendationOutcome, exchangeTimeZone: string): OutcomeFact {
  const horizon = o.checkpoints[o.checkpoints.length - 1];
  return {
    tracking_id: o.tracking_id,
    version: o.version,
    as_of: o.as_of,
    final: o.final,
    return_30d: horizon?.status === 'REACHED' ? horizon.return_pct : null,
    success: o.success,
    category: o.outcome_category,
    missed_opportunity: o.missed_opportunity,
    settled_at:
      o.final && horizon !== undefined ? endOfSession(horizon.session_date, exchangeTimeZone) : null,
  };
}

export const runFact = (run: DiscoveryRun): RunFact => ({
  run_id: run.run_id,
  finished_at: run.finished_at,
  parameters: run.parameters,
});

export const healthFact = (h: PipelineHealth): HealthFact => ({
  run_id: h.run_id,
  finished_at: h.finished_at,
  health_score: h.health_score,
  duration_ms: h.duration_ms,
  candidate_count: h.candidate_count,
});

/** A dip analysis version is known from the event time it reached the coordinator with. */
export const dipFact = (d: DipAnalysis, knownAt: number): DipFact => ({
  analysis_id: d.analysis_id,
  version: d.version,
  analyzed_at: d.analyzed_at,
  as_of: knownAt,
  action: d.action,
  thesis_strength: d.thesis_strength,
  final: d.final,
  outcome_success: d.outcome_success,
});

export const alertFact = (a: Alert): AlertFact => ({
  alert_id: a.alert_id,
  type: a.type,
  created_at: a.created_at,
});

export function cycleRecord(report: CycleReport): LearningCycle {
  const { tracker } = report;
  return {
    cycle_id: report.cycle_id,
    trigger: report.trigger,
    status: report.status,
    window_start: report.window_start,
    window_end: report.window_end,
    started_at: report.started_at,
    completed_at: report.completed_at,
    tracker:
      tracker === null
        ? null
        : {
            recommendations: tracker.recommendations,
            completed: tracker.completed,
            success_rate: tracker.success_rate,
            mean_return_30d_pct: tracker.mean_return_30d_pct,
            missed_opportunities: tracker.missed_opportunities,
            return_sample_size: tracker.return_sample_size,
            median_return_30d_pct: tracker.median_return_30d_pct,
            outcomes_by_category: { ...tracker.outcomes_by_category },
            evidence_sample_size: tracker.evidence_sample_size,
            score_quintiles: tracker.score_quintiles.map((q) => ({ ...q })),
            composite_ic: tracker.composite_ic,
            vigl_ic: tracker.vigl_ic,
          },
    dip_validator: report.dip_validator === null ? null : { ...report.dip_validator },
    monitor: report.monitor === null ? null : { ...report.monitor },
    insights: [...report.insights],
    proposals: report.proposals.map((p) => ({ ...p })),
    auto_apply_enabled: report.auto_apply_enabled,
    error: report.error,
  };
}

export const parameterRecord = (change: ParameterChange): ParameterValue => ({ ...change });

/** Which kind of input a topic of the router carries. */
export type InputKind = CoordinatorEnvelope['kind'];

/** An input record as the coordinator's envelope; `at` is the record's event time. */
export function envelopeOf(
  kind: InputKind,
  value: unknown,
  at: number,
  exchangeTimeZone: string,
): CoordinatorEnvelope {
  switch (kind) {
    case 'recommendation':
      return { kind, at, fact: recommendationFact(value as Recommendation) };
    case 'outcome': {
      // A backfill's outcome carries the time of the last bar the tracker had: it happened when it settled.
      const fact = outcomeFact(value as RecommendationOutcome, exchangeTimeZone);
      return { kind, at: fact.settled_at === null ? at : Math.min(at, fact.settled_at), fact };
    }
    case 'run':
      return { kind, at, fact: runFact(value as DiscoveryRun) };
    case 'health':
      return { kind, at, fact: healthFact(value as PipelineHealth) };
    case 'dip':
      return { kind, at, fact: dipFact(value as DipAnalysis, at) };
    case 'alert':
      return { kind, at, fact: alertFact(value as Alert) };
    case 'command':
      return { kind, at, command: value };
  }
}
