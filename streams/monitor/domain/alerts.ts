/**
 * The alert candidates a run's health raises, built by the alerts domain's
 * builders: one PIPELINE_UNHEALTHY when a static limit was breached (CRITICAL
 * below the configured health, else WARNING), and one PIPELINE_DRIFT WARNING
 * per measure whose drift is sustained.
 */
import {
  type AlertCandidate,
  type AlertsConfig,
  AlertType,
  buildAlertCandidate,
  type Severity,
} from '../../alerts/domain/index.ts';
import { describeMeasure } from './codes.ts';
import type { HealthAssessment } from './types.ts';

export interface HealthAlerts {
  readonly candidates: readonly AlertCandidate[];
  /** The unhealthy alert's severity, for the health record; null when the run breached nothing. */
  readonly severity: Severity | null;
}

export function healthAlerts(assessment: HealthAssessment, config: AlertsConfig): HealthAlerts {
  const { run } = assessment;
  const unhealthy = buildAlertCandidate(
    AlertType.PIPELINE_UNHEALTHY,
    {
      run_id: run.run_id,
      health: assessment.health_score,
      reasons: assessment.breaches.map((b) => b.text),
      relaxed: run.relaxed,
      event_time: run.finished_at,
    },
    config,
  );
  const drift = assessment.deviations.flatMap((d) => {
    if (!d.sustained || d.direction === null || d.deviation === null || d.median === null) return [];
    const candidate = buildAlertCandidate(
      AlertType.PIPELINE_DRIFT,
      {
        run_id: run.run_id,
        measure: d.measure,
        description: describeMeasure(d.measure),
        value: d.value,
        median: d.median,
        deviation: d.deviation,
        direction: d.direction,
        consecutive_runs: d.consecutive,
        samples: d.samples,
        event_time: run.finished_at,
      },
      config,
    );
    return candidate === null ? [] : [candidate];
  });
  return {
    candidates: unhealthy === null ? drift : [unhealthy, ...drift],
    severity: unhealthy?.severity ?? null,
  };
}
