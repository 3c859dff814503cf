/** Plain-words statements of what a cycle found, in a fixed order. */
import type { LearningConfig } from './config.ts';
import type { ScoreEvidence } from './evidence.ts';
import type { DipStatistics, MonitorStatistics, TrackerStatistics } from './metrics.ts';
import type { ProposalEvidence } from './proposal.ts';
import { formatValue, NOT_ENOUGH_DATA } from './rationale.ts';

export interface InsightInput {
  readonly windowEnd: number;
  readonly dataSeenUntil: number | null;
  readonly tracker: TrackerStatistics | null;
  readonly evidence: ScoreEvidence;
  readonly dips: DipStatistics | null;
  readonly monitor: MonitorStatistics | null;
  readonly proposals: readonly ProposalEvidence[];
}

const pct = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}%`;
const rate = (value: number) => `${(value * 100).toFixed(1)}%`;
const iso = (instant: number) => new Date(instant).toISOString();

function completeness(input: InsightInput): string[] {
  if (input.dataSeenUntil === null) return ['No data has arrived yet.'];
  if (input.dataSeenUntil >= input.windowEnd) return [];
  return [
    `Data seen up to ${iso(input.dataSeenUntil)}, before the window's end ${iso(input.windowEnd)}: ` +
      'records still on their way are not in this cycle.',
  ];
}

function tracker(stats: TrackerStatistics | null): string[] {
  if (stats === null) return [];
  if (stats.return_sample_size === 0) {
    return [
      `None of the ${stats.recommendations} recommendations in the window has a settled 30-day return yet.`,
    ];
  }
  return [
    `${stats.return_sample_size} of ${stats.recommendations} recommendations in the window have a settled ` +
      `30-day return: mean ${pct(stats.mean_return_30d_pct!)}, median ${pct(stats.median_return_30d_pct!)}` +
      (stats.success_rate === null ? '' : `, ${rate(stats.success_rate)} positive`) +
      `; ${stats.missed_opportunities} missed opportunities.`,
  ];
}

function evidence(e: ScoreEvidence, config: LearningConfig): string[] {
  if (e.score_quintiles.length === 0) {
    return [
      `${NOT_ENOUGH_DATA} for score quintiles and information coefficients: ${e.sample_size} settled picks, ${config.evidenceMinSample} needed.`,
    ];
  }
  const filled = e.score_quintiles.filter((q) => q.sample_size > 0);
  const low = filled[0]!;
  const high = filled[filled.length - 1]!;
  const ic = (value: number | null) => (value === null ? 'undefined (no variation)' : value.toFixed(3));
  return [
    `Composite-score quintile ${high.quintile} (scores ${formatValue(high.min_score)}-${formatValue(high.max_score)}, ` +
      `${high.sample_size} picks) returned ${pct(high.mean_return_30d_pct!)} on average over 30 days; quintile ` +
      `${low.quintile} (${formatValue(low.min_score)}-${formatValue(low.max_score)}, ${low.sample_size} picks) ${pct(low.mean_return_30d_pct!)}.`,
    `Information coefficient (Spearman) with the 30-day return over ${e.sample_size} picks: ` +
      `composite score ${ic(e.composite_ic)}, VIGL score ${ic(e.vigl_ic)}.`,
  ];
}

function dips(stats: DipStatistics | null): string[] {
  if (stats === null || stats.analyses === 0) return [];
  return [
    `${stats.buy_more_signals} buy-more signals in ${stats.analyses} dip analyses` +
      (stats.success_rate === null
        ? '.'
        : `; ${rate(stats.success_rate)} of ${stats.settled_buy_more} settled ones gained.`),
  ];
}

function monitor(stats: MonitorStatistics | null): string[] {
  if (stats === null || stats.runs === 0) return [];
  return [
    `Mean pipeline health ${stats.mean_health!.toFixed(2)} over ${stats.runs} runs; ${stats.alert_count} pipeline alerts.`,
  ];
}

function proposals(list: readonly ProposalEvidence[]): string[] {
  const earned = list.filter((p) => p.earned);
  if (earned.length === 0) return ['The data earns no parameter change this cycle.'];
  return earned.map(
    (p) =>
      `The data supports ${p.parameter} ${formatValue(p.current_value)} -> ${formatValue(p.proposed_value)} ` +
      `(confidence ${rate(p.confidence!)}, ${p.sample_size} settled picks).`,
  );
}

export function insightsOf(input: InsightInput, config: LearningConfig): string[] {
  return [
    ...completeness(input),
    ...tracker(input.tracker),
    ...(input.tracker === null ? [] : evidence(input.evidence, config)),
    ...dips(input.dips),
    ...monitor(input.monitor),
    ...proposals(input.proposals),
  ];
}
