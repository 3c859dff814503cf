import { describe, expect, it } from 'vitest';
import {
  buildPipelineDriftAlert,
  type PipelineDriftInput,
} from '../../../streams/alerts/domain/builders/pipeline-drift.ts';
import { InvalidAlertInputError } from '../../../streams/alerts/domain/errors.ts';

function drift(overrides: Partial<PipelineDriftInput> = {}): PipelineDriftInput {
  return {
    run_id: 'run-4',
    measure: 'duration_ms',
    description: 'run duration (ms)',
    value: 12_500,
    median: 8_000,
    deviation: 11.25,
    direction: 'above',
    consecutive_runs: 2,
    samples: 4,
    event_time: 1_000,
    ...overrides,
  };
}

describe('buildPipelineDriftAlert', () => {
  it('builds a WARNING keyed by measure, so a lasting drift is one alert', () => {
    expect(buildPipelineDriftAlert(drift())).toEqual({
      type: 'PIPELINE_DRIFT',
      severity: 'WARNING',
      component: 'discovery-monitor',
      title: 'Discovery runs drifting: run duration (ms) above baseline for 2 runs',
      message:
        'run duration (ms) has been above its baseline for 2 runs in a row, while possibly still inside the ' +
        'static limits: run run-4 measured 12500 against a median of 8000 over 4 runs (11.3 robust deviations).',
      data: {
        run_id: 'run-4',
        measure: 'duration_ms',
        value: '12500',
        median: '8000',
        deviation: '11.25',
        direction: 'above',
        consecutive_runs: '2',
      },
      dedup_key: 'pipeline_drift:duration_ms',
      event_time: 1_000,
    });
    expect(buildPipelineDriftAlert(drift({ run_id: 'run-5' }))?.dedup_key).toBe('pipeline_drift:duration_ms');
  });

  it('raises nothing without a drifting run, and rejects non-finite numbers', () => {
    expect(buildPipelineDriftAlert(drift({ consecutive_runs: 0 }))).toBeNull();
    expect(() => buildPipelineDriftAlert(drift({ median: Number.NaN }))).toThrow(InvalidAlertInputError);
  });
});
