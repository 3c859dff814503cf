import { describe, expect, it } from 'vitest';
import { AlertType } from '../../../streams/alerts/domain/alert-type.ts';
import { dedupKeyFor } from '../../../streams/alerts/domain/builders/dedup-key.ts';
import { ALERT_BUILDERS, buildAlertCandidate } from '../../../streams/alerts/domain/builders/registry.ts';
import { createAlertsConfig } from '../../../streams/alerts/domain/config-validation.ts';
import { severityFromLadder } from '../../../streams/alerts/domain/severity-ladder.ts';

describe('builder registry', () => {
  it('routes each type to its builder with that type’s rule from the config', () => {
    const config = createAlertsConfig({
      missed_opportunity: { min_return_pct: 10, high_severity_return_pct: 20 },
    });
    const candidate = buildAlertCandidate(
      AlertType.MISSED_OPPORTUNITY,
      {
        tracking_id: 'r:X',
        symbol: 'X',
        run_id: 'r',
        bought: false,
        return_30d: 12,
        discovery_price: 1,
        price_30d: 1.12,
        event_time: 5,
      },
      config,
    );
    expect(candidate?.severity).toBe('WARNING');
    const pipeline = buildAlertCandidate(
      AlertType.PIPELINE_UNHEALTHY,
      { run_id: 'r', health: 0.1, reasons: ['slow'], event_time: 5 },
      config,
    );
    expect(pipeline?.type).toBe('PIPELINE_UNHEALTHY');
  });

  it('has one builder per buildable type', () => {
    expect(Object.keys(ALERT_BUILDERS).sort()).toEqual([
      'BUY_MORE_SIGNAL',
      'CYCLE_COMPLETED',
      'MISSED_OPPORTUNITY',
      'PARAMETER_APPLIED',
      'PARAMETER_PROPOSED',
      'PIPELINE_DRIFT',
      'PIPELINE_UNHEALTHY',
    ]);
  });

  it('prefixes dedup keys with the type', () => {
    expect(dedupKeyFor(AlertType.PIPELINE_UNHEALTHY, 'run-1')).toBe('pipeline_unhealthy:run-1');
  });
});

describe('severityFromLadder', () => {
  const ladder = [
    { at_least: 50, severity: 'HIGH' as const },
    { at_least: 25, severity: 'WARNING' as const },
    { at_least: 90, severity: 'CRITICAL' as const },
  ];

  it.each([
    [10, null],
    [25, 'WARNING'],
    [60, 'HIGH'],
    [90, 'CRITICAL'],
  ])('%d reaches %s whatever the rung order', (value, severity) => {
    expect(severityFromLadder(value, ladder)).toBe(severity);
  });

  it('reaches nothing on an empty ladder', () => {
    expect(severityFromLadder(1e9, [])).toBeNull();
  });
});
