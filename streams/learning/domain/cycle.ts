/**
 * One learning cycle as a pure function: the facts known at its instant in,
 * the cycle report and the proposals' fates out. The same facts and request
 * give the same report, bit for bit (the resamples are seeded by the cycle id).
 */
import type { LearningConfig } from './config.ts';
import { type ScoreEvidence, scoreEvidence } from './evidence.ts';
import { insightsOf } from './insights.ts';
import {
  type DipStatistics,
  dipStatistics,
  type MonitorStatistics,
  monitorStatistics,
  type TrackerStatistics,
  trackerStatistics,
  type Window,
} from './metrics.ts';
import { type ProposalStatus, proposalStatus } from './parameters.ts';
import { evaluateProposals, type ProposalEvidence } from './proposal.ts';
import type { SettledPick } from './sample.ts';
import { localDaysBefore } from './schedule.ts';
import type {
  AgentsEnabled,
  AlertFact,
  DipFact,
  HealthFact,
  OutcomeFact,
  RecommendationFact,
} from './types.ts';

export type CycleTrigger = 'SCHEDULED' | 'ON_DEMAND';

export interface CycleRequest {
  readonly cycle_id: string;
  readonly trigger: CycleTrigger;
  /** The cycle's instant: the end of its window, and what "as of" means for its facts. */
  readonly at: number;
  /** Event time it ran at (a scheduled cycle runs once event time is past its instant plus the grace). */
  readonly ran_at: number;
}

export interface CycleFacts {
  readonly recommendations: readonly RecommendationFact[];
  /** The outcome version known before the cycle's instant. */
  readonly outcomeOf: (trackingId: string) => OutcomeFact | undefined;
  readonly health: readonly HealthFact[];
  /** Dip analyses, each as known before the cycle's instant. */
  readonly dips: readonly DipFact[];
  readonly alerts: readonly AlertFact[];
  readonly valuesInForce: Readonly<Record<string, number | null>>;
  /** Largest event time of any data record seen; null before any. */
  readonly dataSeenUntil: number | null;
}

export interface ProposalReport {
  readonly proposal_id: string;
  readonly parameter: string;
  readonly current_value: number | null;
  readonly proposed_value: number | null;
  readonly sample_size: number;
  readonly confidence: number | null;
  readonly expected_improvement: number | null;
  readonly rationale: string;
  readonly status: ProposalStatus;
}

export interface TrackerReport extends TrackerStatistics, Omit<ScoreEvidence, 'sample_size'> {
  readonly evidence_sample_size: number;
}

export interface CycleReport {
  readonly cycle_id: string;
  readonly trigger: CycleTrigger;
  readonly status: 'COMPLETED' | 'FAILED';
  readonly window_start: number;
  readonly window_end: number;
  readonly started_at: number;
  readonly completed_at: number;
  readonly tracker: TrackerReport | null;
  readonly dip_validator: DipStatistics | null;
  readonly monitor: MonitorStatistics | null;
  readonly insights: readonly string[];
  readonly proposals: readonly ProposalReport[];
  readonly auto_apply_enabled: boolean;
  readonly error: string | null;
}

/** Alert type whose alerts count as the discovery monitor's. */
export const PIPELINE_ALERT_TYPE = 'PIPELINE_UNHEALTHY';

export function cycleWindow(request: CycleRequest, config: LearningConfig): Window {
  return { start: localDaysBefore(request.at, config.windowDays, config.schedule.timeZone), end: request.at };
}

/** The settled picks of the window: discovered in it, final with a 30-day return before its end. */
export function settledPicks(facts: CycleFacts, window: Window): SettledPick[] {
  return [...facts.recommendations]
    .filter((r) => r.discovered_at >= window.start && r.discovered_at < window.end)
    .sort((a, b) => (a.tracking_id < b.tracking_id ? -1 : a.tracking_id > b.tracking_id ? 1 : 0))
    .flatMap((r) => {
      const outcome = facts.outcomeOf(r.tracking_id);
      if (!outcome?.final || outcome.return_30d === null) return [];
      return [
        {
          tracking_id: r.tracking_id,
          symbol: r.symbol,
          composite_score: r.composite_score,
          vigl_score: r.vigl_score,
          factors: r.factors,
          return_30d: outcome.return_30d,
          explosive: outcome.category === 'EXPLOSIVE',
        },
      ];
    });
}

export function runCycle(
  request: CycleRequest,
  facts: CycleFacts,
  agents: AgentsEnabled,
  config: LearningConfig,
): {
  readonly report: CycleReport;
  readonly proposals: readonly (ProposalEvidence & { status: ProposalStatus })[];
} {
  const window = cycleWindow(request, config);
  const picks = agents.tracker ? settledPicks(facts, window) : [];
  const evidence = scoreEvidence(picks, config);
  const tracker = agents.tracker ? trackerStatistics(facts.recommendations, facts.outcomeOf, window) : null;
  const dips = agents.dipValidator ? dipStatistics(facts.dips, window) : null;
  const monitor = agents.monitor
    ? monitorStatistics(facts.health, facts.alerts, window, PIPELINE_ALERT_TYPE)
    : null;
  const proposals = evaluateProposals(picks, facts.valuesInForce, config, request.cycle_id).map((p) => ({
    ...p,
    status: proposalStatus(p, config),
  }));
  const { sample_size: evidenceSampleSize, ...scores } = evidence;
  const report: CycleReport = {
    cycle_id: request.cycle_id,
    trigger: request.trigger,
    status: 'COMPLETED',
    window_start: window.start,
    window_end: window.end,
    started_at: request.at,
    completed_at: request.ran_at,
    tracker: tracker === null ? null : { ...tracker, ...scores, evidence_sample_size: evidenceSampleSize },
    dip_validator: dips,
    monitor,
    insights: insightsOf(
      {
        windowEnd: window.end,
        dataSeenUntil: facts.dataSeenUntil,
        tracker,
        evidence,
        dips,
        monitor,
        proposals,
      },
      config,
    ),
    proposals: proposals.map((p) => ({
      proposal_id: `${request.cycle_id}:${p.parameter}`,
      parameter: p.parameter,
      current_value: p.current_value,
      proposed_value: p.proposed_value,
      sample_size: p.sample_size,
      confidence: p.confidence,
      expected_improvement: p.expected_improvement,
      rationale: p.rationale,
      status: p.status,
    })),
    auto_apply_enabled: config.autoApply,
    error: null,
  };
  return { report, proposals };
}

/**
 * A cycle as of an instant older than that of a cycle which already decided
 * (one run late, or on request as of the past) decides nothing: newer
 * evidence stands. Its earned proposals are REJECTED, and say why.
 */
export function superseded(report: CycleReport, decidedAt: number): CycleReport {
  const note = ` (superseded: the cycle as of ${new Date(decidedAt).toISOString()} decides this parameter)`;
  return {
    ...report,
    proposals: report.proposals.map((p) =>
      p.status === 'PENDING' || p.status === 'APPLIED'
        ? { ...p, status: 'REJECTED', rationale: p.rationale + note }
        : p,
    ),
  };
}

/** The record of a cycle that could not be computed: the schedule moves on, and the error is on record. */
export function failedCycle(request: CycleRequest, config: LearningConfig, error: string): CycleReport {
  const window = cycleWindow(request, config);
  return {
    cycle_id: request.cycle_id,
    trigger: request.trigger,
    status: 'FAILED',
    window_start: window.start,
    window_end: window.end,
    started_at: request.at,
    completed_at: request.ran_at,
    tracker: null,
    dip_validator: null,
    monitor: null,
    insights: [],
    proposals: [],
    auto_apply_enabled: config.autoApply,
    error,
  };
}
