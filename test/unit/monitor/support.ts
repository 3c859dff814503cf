import type { MonitoredRun, RunStage } from '../../../streams/monitor/domain/index.ts';

export const T0 = Date.parse('2026-03-02T14:00:00Z');
const HOUR = 3_600_000;

/** A healthy run by the default limits: 8,000 ms, 12 candidates, no stage timings. */
export function run(overrides: Partial<MonitoredRun> = {}, index = 0): MonitoredRun {
  const finished = T0 + index * HOUR;
  return {
    run_id: `run-${index}`,
    started_at: finished - (overrides.duration_ms ?? 8_000),
    finished_at: finished,
    duration_ms: 8_000,
    stages: [],
    candidate_count: 12,
    relaxed: false,
    ...overrides,
  };
}

export function stage(
  name: string,
  symbolsIn: number,
  durationMs: number | null,
  extra: Partial<RunStage> = {},
): RunStage {
  return {
    name,
    duration_ms: durationMs,
    symbols_in: symbolsIn,
    symbols_out: symbolsIn,
    rejections: {},
    ...extra,
  };
}
