import type { AlertCandidate } from '../alert.ts';
import { AlertComponent } from '../alert.ts';
import { AlertType } from '../alert-type.ts';
import type { PipelineUnhealthyRule } from '../config.ts';
import { InvalidAlertInputError } from '../errors.ts';
import { Severity } from '../severity.ts';
import { dedupKeyFor } from './dedup-key.ts';

/** The fields of a discovery run's health result that the alert needs. */
export interface PipelineUnhealthyInput {
  readonly run_id: string;
  /** Health score in [0, 1]. */
  readonly health: number;
  /**
   * Why the monitor flagged the run (duration over the maximum, too few
   * candidates). Empty means the run breached nothing, whatever its score.
   */
  readonly reasons: readonly string[];
  /** The job lowered its thresholds for this run: named in the alert so nobody mistakes its picks. */
  readonly relaxed?: boolean;
  /** Event time of the health result (epoch ms). */
  readonly event_time: number;
}

/** Returns the candidate alert, or null when the run breached no alert rule. */
export function buildPipelineUnhealthyAlert(
  result: PipelineUnhealthyInput,
  rule: PipelineUnhealthyRule,
): AlertCandidate | null {
  if (!Number.isFinite(result.health)) {
    throw new InvalidAlertInputError([`health of run ${result.run_id} is ${result.health}`]);
  }
  if (result.reasons.length === 0) return null;

  const severity = result.health < rule.critical_below_health ? Severity.CRITICAL : Severity.WARNING;
  const health = result.health.toFixed(2);
  const relaxed = result.relaxed === true;
  return {
    type: AlertType.PIPELINE_UNHEALTHY,
    severity,
    component: AlertComponent.DISCOVERY_MONITOR,
    title: `Discovery run ${result.run_id} unhealthy (health ${health}${relaxed ? ', relaxed thresholds' : ''})`,
    message:
      `Discovery run ${result.run_id}${relaxed ? ', run with relaxed thresholds,' : ''} scored health ` +
      `${health}: ${result.reasons.join('; ')}.`,
    data: {
      run_id: result.run_id,
      health: String(result.health),
      reasons: result.reasons.join('; '),
      reason_count: String(result.reasons.length),
      ...(relaxed ? { relaxed: 'true' } : {}),
    },
    dedup_key: dedupKeyFor(AlertType.PIPELINE_UNHEALTHY, result.run_id),
    event_time: result.event_time,
  };
}
