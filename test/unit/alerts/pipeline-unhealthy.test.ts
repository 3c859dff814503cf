import { describe, expect, it } from 'vitest';
import type { PipelineUnhealthyInput } from '../../../streams/alerts/domain/builders/pipeline-unhealthy.ts';
import { buildPipelineUnhealthyAlert } from '../../../streams/alerts/domain/builders/pipeline-unhealthy.ts';
import { DEFAULT_ALERTS_CONFIG } from '../../../streams/alerts/domain/config.ts';
import { InvalidAlertInputError } from '../../../streams/alerts/domain/errors.ts';

const rule = DEFAULT_ALERTS_CONFIG.pipeline_unhealthy;

function health(overrides: Partial<PipelineUnhealthyInput> = {}): PipelineUnhealthyInput {
  return {
    run_id: 'run-42',
    health: 0.31,
    reasons: ['duration 21000 ms over max 15000 ms', 'candidates 2 below min 5'],
    event_time: 1_700_000_000_000,
    ...overrides,
  };
}

describe('buildPipelineUnhealthyAlert', () => {
  it('builds a CRITICAL keyed by run below health 0.5', () => {
    expect(buildPipelineUnhealthyAlert(health(), rule)).toEqual({
      type: 'PIPELINE_UNHEALTHY',
      severity: 'CRITICAL',
      component: 'discovery-monitor',
      title: 'Discovery run run-42 unhealthy (health 0.31)',
      message:
        'Discovery run run-42 scored health 0.31: duration 21000 ms over max 15000 ms; candidates 2 below min 5.',
      data: {
        run_id: 'run-42',
        health: '0.31',
        reasons: 'duration 21000 ms over max 15000 ms; candidates 2 below min 5',
        reason_count: '2',
      },
      dedup_key: 'pipeline_unhealthy:run-42',
      event_time: 1_700_000_000_000,
    });
  });

  it.each([
    [0, 'CRITICAL'],
    [0.4999, 'CRITICAL'],
    [0.5, 'WARNING'],
    [0.93, 'WARNING'],
  ])('health %d gives %s', (score, severity) => {
    expect(buildPipelineUnhealthyAlert(health({ health: score }), rule)?.severity).toBe(severity);
  });

  it('names a relaxed run in the title, message and data', () => {
    const alert = buildPipelineUnhealthyAlert(
      health({ relaxed: true, reasons: ['candidates 2 below min 5'] }),
      rule,
    );
    expect(alert?.title).toBe('Discovery run run-42 unhealthy (health 0.31, relaxed thresholds)');
    expect(alert?.message).toBe(
      'Discovery run run-42, run with relaxed thresholds, scored health 0.31: candidates 2 below min 5.',
    );
    expect(alert?.data.relaxed).toBe('true');
  });

  it('does not alert on a run that breached nothing, even with a low score', () => {
    expect(buildPipelineUnhealthyAlert(health({ health: 0.2, reasons: [] }), rule)).toBeNull();
  });

  it('follows a configured critical threshold', () => {
    expect(
      buildPipelineUnhealthyAlert(health({ health: 0.6 }), { critical_below_health: 0.7 })?.severity,
    ).toBe('CRITICAL');
  });

  it('rejects a non-finite health score', () => {
    expect(() => buildPipelineUnhealthyAlert(health({ health: Number.POSITIVE_INFINITY }), rule)).toThrow(
      InvalidAlertInputError,
    );
  });
});
