/**
 * The static health of a run: its components, their mean, and the limits it
 * breached. Pure: the same run and limits always give the same score.
 */
import { BreachCode } from './codes.ts';
import {
  candidateCountComponent,
  processingTimeComponent,
  stageEfficiencyComponent,
  stageThroughput,
} from './components.ts';
import type { MonitorConfig } from './config.ts';
import { countOf, plainNumber } from './plain-words.ts';
import type { Breach, ComponentScore, MonitoredRun, RunScore } from './types.ts';

/** Why a run cannot be assessed, or null when it can. The wiring dead-letters such runs. */
export function runProblem(run: MonitoredRun): string | null {
  if (run.run_id.trim() === '') return 'empty run_id';
  if (!Number.isFinite(run.finished_at)) return 'finished_at is not finite';
  if (!Number.isFinite(run.duration_ms) || run.duration_ms < 0)
    return 'duration_ms must be a finite number >= 0';
  if (!Number.isInteger(run.candidate_count) || run.candidate_count < 0)
    return 'candidate count must be >= 0';
  for (const stage of run.stages) {
    const counts = [
      stage.symbols_in,
      stage.symbols_out,
      stage.duration_ms ?? 0,
      ...Object.values(stage.rejections),
    ];
    if (counts.some((n) => !Number.isFinite(n) || n < 0))
      return `stage ${stage.name}: counts and timing must be >= 0`;
  }
  return null;
}

function breachesOf(run: MonitoredRun, config: MonitorConfig): Breach[] {
  const breaches: Breach[] = [];
  const { maxMs } = config.processingTime;
  if (run.duration_ms > maxMs) {
    breaches.push({
      code: BreachCode.DURATION_OVER_MAX,
      text: `duration of ${plainNumber(run.duration_ms)} ms, over the ${plainNumber(maxMs)} ms maximum`,
    });
  }
  const { min } = config.candidates;
  if (run.candidate_count < min) {
    const relaxed = run.relaxed ? ', even with relaxed thresholds' : '';
    breaches.push({
      code: BreachCode.CANDIDATES_BELOW_MIN,
      text: `${countOf(run.candidate_count, 'candidate')}, below the minimum of ${plainNumber(min)}${relaxed}`,
    });
  }
  return breaches;
}

export function scoreRun(run: MonitoredRun, config: MonitorConfig): RunScore {
  const stages = run.stages.map((stage) => stageThroughput(stage, config.stages));
  const efficiency = stageEfficiencyComponent(stages);
  const components: ComponentScore[] = [
    processingTimeComponent(run.duration_ms, config.processingTime),
    candidateCountComponent(run.candidate_count, config.candidates),
    ...(efficiency === null ? [] : [efficiency]),
  ];
  const health = components.reduce((sum, c) => sum + c.score, 0) / components.length;
  const breaches = breachesOf(run, config);
  return { components, stages, health_score: health, healthy: breaches.length === 0, breaches };
}
