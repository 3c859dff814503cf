/**
 * The measures of a run that the baseline follows: duration, candidate count,
 * each timed stage's rate, and each stage's rejection mix (the share of the
 * stage's rejections per reason).
 */
import { Measure } from './codes.ts';
import type { MonitoredRun, StageThroughput } from './types.ts';

/** A stage name seen twice in one run gets '#2', '#3'… so its measures stay apart. */
function uniqueStageNames(stages: readonly { name: string }[]): string[] {
  const seen = new Map<string, number>();
  return stages.map(({ name }) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}#${count}`;
  });
}

/**
 * `known` are the measures of the runs in the baseline: a rejection reason
 * the baseline knows for a stage that rejected symbols this run, but not for
 * that reason, counts as a share of 0. Otherwise a reason that disappeared
 * would be invisible, and its absence is as much a drift as a new reason.
 */
export function measuresOf(
  run: MonitoredRun,
  throughputs: readonly StageThroughput[],
  known: ReadonlySet<string>,
): Record<string, number> {
  const measures: Record<string, number> = {
    [Measure.DURATION]: run.duration_ms,
    [Measure.CANDIDATES]: run.candidate_count,
  };
  const names = uniqueStageNames(run.stages);
  run.stages.forEach((stage, index) => {
    const name = names[index]!;
    const rate = throughputs[index]?.symbols_per_second ?? null;
    if (rate !== null) measures[Measure.stageRate(name)] = rate;
    const total = Object.values(stage.rejections).reduce((sum, count) => sum + count, 0);
    if (total <= 0) return;
    const prefix = Measure.rejectionSharePrefix(name);
    for (const measure of known) if (measure.startsWith(prefix)) measures[measure] = 0;
    for (const [reason, count] of Object.entries(stage.rejections)) {
      measures[Measure.rejectionShare(name, reason)] = count / total;
    }
  });
  return measures;
}
