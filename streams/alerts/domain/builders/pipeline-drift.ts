import type { AlertCandidate } from '../alert.ts';
import { AlertComponent } from '../alert.ts';
import { AlertType } from '../alert-type.ts';
import { InvalidAlertInputError } from '../errors.ts';
import { Severity } from '../severity.ts';
import { dedupKeyFor } from './dedup-key.ts';

/** A measure of discovery runs that has drifted from its baseline for several runs in a row. */
export interface PipelineDriftInput {
  /** The run that made the drift sustained. */
  readonly run_id: string;
  /** Stable measure name, e.g. duration_ms or stage_rate:volume_filtering. */
  readonly measure: string;
  /** The measure in plain words. */
  readonly description: string;
  readonly value: number;
  readonly median: number;
  /** Robust z of the value against the baseline. */
  readonly deviation: number;
  readonly direction: 'above' | 'below';
  readonly consecutive_runs: number;
  /** Runs in the baseline. */
  readonly samples: number;
  readonly event_time: number;
}

/**
 * A WARNING, keyed by measure: while the drift lasts, every run repeats it and
 * the gate folds the repeats into one alert for the suppression window.
 */
export function buildPipelineDriftAlert(input: PipelineDriftInput): AlertCandidate | null {
  const numbers = [input.value, input.median, input.deviation];
  if (numbers.some((n) => !Number.isFinite(n))) {
    throw new InvalidAlertInputError([
      `drift of ${input.measure} in run ${input.run_id}: ${numbers.join(', ')}`,
    ]);
  }
  if (input.consecutive_runs < 1) return null;
  const deviations = Math.abs(input.deviation).toFixed(1);
  return {
    type: AlertType.PIPELINE_DRIFT,
    severity: Severity.WARNING,
    component: AlertComponent.DISCOVERY_MONITOR,
    title: `Discovery runs drifting: ${input.description} ${input.direction} baseline for ${input.consecutive_runs} runs`,
    message:
      `${input.description} has been ${input.direction} its baseline for ${input.consecutive_runs} runs in a row, ` +
      `while possibly still inside the static limits: run ${input.run_id} measured ${input.value} against a ` +
      `median of ${input.median} over ${input.samples} runs (${deviations} robust deviations).`,
    data: {
      run_id: input.run_id,
      measure: input.measure,
      value: String(input.value),
      median: String(input.median),
      deviation: String(input.deviation),
      direction: input.direction,
      consecutive_runs: String(input.consecutive_runs),
    },
    dedup_key: dedupKeyFor(AlertType.PIPELINE_DRIFT, input.measure),
    event_time: input.event_time,
  };
}
