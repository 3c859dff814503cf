/**
 * The health components of a run, each a score in [0, 1] against the
 * configured limits. A component the run gives no data for is absent (null),
 * never scored as zero.
 */
import { HealthComponentName } from './codes.ts';
import type { CandidateLimits, ProcessingTimeLimits, StageLimits } from './config.ts';
import { plainNumber } from './plain-words.ts';
import type { ComponentScore, RunStage, StageThroughput } from './types.ts';

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/**
 * 1 at or under the baseline, 0 at or over the maximum, falling linearly in
 * between: a run may be slower than usual without being scored down to
 * nothing, and the score reaches 0 exactly where the alert starts.
 */
export function processingTimeComponent(durationMs: number, limits: ProcessingTimeLimits): ComponentScore {
  const score = clamp01((limits.maxMs - durationMs) / (limits.maxMs - limits.baselineMs));
  return {
    name: HealthComponentName.PROCESSING_TIME,
    score,
    value: durationMs,
    target: limits.baselineMs,
    detail:
      `${plainNumber(durationMs)} ms against a baseline of ${plainNumber(limits.baselineMs)} ms ` +
      `and a maximum of ${plainNumber(limits.maxMs)} ms`,
  };
}

/** The share of the target count reached, capped at 1: 0 candidates score 0, the target or more score 1. */
export function candidateCountComponent(count: number, limits: CandidateLimits): ComponentScore {
  return {
    name: HealthComponentName.CANDIDATE_COUNT,
    score: clamp01(count / limits.target),
    value: count,
    target: limits.target,
    detail: `${plainNumber(count)} candidates against a target of ${plainNumber(limits.target)} (minimum ${plainNumber(limits.min)})`,
  };
}

export function expectedRateOf(stage: string, limits: StageLimits): number {
  return Object.hasOwn(limits.expectedPerSecond, stage)
    ? limits.expectedPerSecond[stage]!
    : limits.defaultPerSecond;
}

/**
 * A stage's rate is symbols_in per second of its own time. A stage without a
 * timing, or that received no symbols, has no rate to judge; one timed at
 * 0 ms with symbols in was faster than can be measured, so it counts as
 * fully efficient.
 */
export function stageThroughput(stage: RunStage, limits: StageLimits): StageThroughput {
  const expected = expectedRateOf(stage.name, limits);
  const measurable = stage.duration_ms !== null && stage.symbols_in > 0;
  let rate: number | null = null;
  let efficiency: number | null = null;
  if (measurable && stage.duration_ms !== null) {
    rate = stage.duration_ms === 0 ? null : stage.symbols_in / (stage.duration_ms / 1000);
    efficiency = rate === null ? 1 : Math.min(1, rate / expected);
  }
  return {
    name: stage.name,
    symbols_in: stage.symbols_in,
    symbols_out: stage.symbols_out,
    duration_ms: stage.duration_ms,
    symbols_per_second: rate,
    expected_per_second: expected,
    efficiency,
  };
}

/** The mean efficiency of the stages that have one; null when none has (no stage timings). */
export function stageEfficiencyComponent(stages: readonly StageThroughput[]): ComponentScore | null {
  const judged = stages.filter((s): s is StageThroughput & { efficiency: number } => s.efficiency !== null);
  if (judged.length === 0) return null;
  const mean = judged.reduce((sum, s) => sum + s.efficiency, 0) / judged.length;
  const parts = judged.map((s) => `${s.name} ${plainNumber(s.efficiency)}`);
  return {
    name: HealthComponentName.STAGE_EFFICIENCY,
    score: clamp01(mean),
    value: mean,
    target: 1,
    detail: `mean efficiency of ${judged.length} timed stage(s): ${parts.join(', ')}`,
  };
}
