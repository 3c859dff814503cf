/**
 * What a run's health means in plain words: the problems that raised an
 * alert (issues) and what to look at (recommendations).
 */
import { describeMeasure } from './codes.ts';
import type { MonitorConfig } from './config.ts';
import { countOf, fractionOf, plainNumber } from './plain-words.ts';
import type { MeasureDeviation, MonitoredRun, RunScore, StageThroughput } from './types.ts';

function driftText(d: MeasureDeviation): string {
  const runs = d.consecutive <= 1 ? '' : ` for ${d.consecutive} runs in a row`;
  return (
    `${describeMeasure(d.measure)} ${d.direction} its baseline${runs}: ${plainNumber(d.value)} ` +
    `against a median of ${plainNumber(d.median ?? 0)} over ${countOf(d.samples, 'run')} ` +
    `(${plainNumber(Math.abs(d.deviation ?? 0))} deviations)`
  );
}

/** The breaches, then each sustained drift. */
export function issuesOf(score: RunScore, deviations: readonly MeasureDeviation[]): string[] {
  return [...score.breaches.map((b) => b.text), ...deviations.filter((d) => d.sustained).map(driftText)];
}

function slowestTimedStage(stages: readonly StageThroughput[]): StageThroughput | null {
  let slowest: StageThroughput | null = null;
  for (const stage of stages) {
    if (stage.duration_ms === null) continue;
    if (slowest === null || stage.duration_ms > (slowest.duration_ms ?? 0)) slowest = stage;
  }
  return slowest;
}

function stageAdvice(stages: readonly StageThroughput[], config: MonitorConfig): string[] {
  const advice: string[] = [];
  for (const stage of stages) {
    if (stage.efficiency === null || stage.symbols_per_second === null) continue;
    if (stage.efficiency >= config.stages.adviseBelowEfficiency) continue;
    advice.push(
      `${stage.name} ran at ${plainNumber(stage.symbols_per_second)} symbols/s, ` +
        `${fractionOf(stage.symbols_per_second / stage.expected_per_second)} its expected ` +
        `${plainNumber(stage.expected_per_second)}`,
    );
  }
  const untimed = stages.filter((s) => s.duration_ms === null).map((s) => s.name);
  if (untimed.length > 0) {
    advice.push(`no timing for ${untimed.join(', ')}: their efficiency is not scored; time them to see it`);
  }
  return advice;
}

export function recommendationsOf(
  run: MonitoredRun,
  score: RunScore,
  deviations: readonly MeasureDeviation[],
  config: MonitorConfig,
): string[] {
  const advice: string[] = [];
  if (run.relaxed) {
    advice.push('the job relaxed its thresholds to find candidates: this run’s picks passed lower bars');
  }
  if (run.duration_ms > config.processingTime.maxMs) {
    const slowest = slowestTimedStage(score.stages);
    advice.push(
      `the run took ${plainNumber(run.duration_ms)} ms against a baseline of ` +
        `${plainNumber(config.processingTime.baselineMs)} ms` +
        (slowest === null
          ? '; no stage was timed, so the slow stage is unknown'
          : `; its slowest timed stage was ${slowest.name} at ${plainNumber(slowest.duration_ms ?? 0)} ms`),
    );
  }
  if (run.candidate_count < config.candidates.min) {
    advice.push(
      `only ${countOf(run.candidate_count, 'candidate')} against a target of ` +
        `${plainNumber(config.candidates.target)}: check the universe and the filters' rejections`,
    );
  }
  advice.push(...stageAdvice(score.stages, config));
  for (const d of deviations) if (d.direction !== null && !d.sustained) advice.push(driftText(d));
  return advice;
}
