import { describe, expect, it } from 'vitest';
import { createAlertsConfig } from '../../../streams/alerts/domain/index.ts';
import {
  assessRun,
  type BaselineState,
  createMonitorConfig,
  DEFAULT_MONITOR_CONFIG,
  EMPTY_BASELINE,
  healthAlerts,
  type MonitoredRun,
} from '../../../streams/monitor/domain/index.ts';
import { run, stage } from './support.ts';

const alertsConfig = createAlertsConfig();

function assessAll(runs: readonly MonitoredRun[], config = DEFAULT_MONITOR_CONFIG) {
  let baseline: BaselineState = EMPTY_BASELINE;
  return runs.map((r) => {
    const result = assessRun(r, baseline, config);
    baseline = result.baseline;
    return result.assessment;
  });
}

describe('a run’s health in words and alerts', () => {
  it('recommends in plain words: the slow stage against its expected rate', () => {
    const [assessment] = assessAll([
      run({ stages: [stage('volume_filtering', 2_400, 10_000), stage('final_ranking', 40, null)] }),
    ]);
    expect(assessment?.recommendations).toEqual([
      'volume_filtering ran at 240 symbols/s, a quarter of its expected 1,000',
      'no timing for final_ranking: their efficiency is not scored; time them to see it',
    ]);
    expect(assessment?.issues).toEqual([]);
  });

  it('raises a CRITICAL below health 0.5 with the breaches as reasons, naming a relaxed run', () => {
    const [assessment] = assessAll([run({ duration_ms: 21_000, candidate_count: 2, relaxed: true })]);
    if (!assessment) throw new Error('no assessment');
    expect(assessment.issues).toEqual([
      'duration of 21,000 ms, over the 15,000 ms maximum',
      '2 candidates, below the minimum of 5, even with relaxed thresholds',
    ]);
    expect(assessment.recommendations).toEqual([
      'the job relaxed its thresholds to find candidates: this run’s picks passed lower bars',
      'the run took 21,000 ms against a baseline of 8,000 ms; no stage was timed, so the slow stage is unknown',
      "only 2 candidates against a target of 12: check the universe and the filters' rejections",
    ]);
    const alerts = healthAlerts(assessment, alertsConfig);
    expect(alerts.severity).toBe('CRITICAL');
    expect(alerts.candidates).toHaveLength(1);
    expect(alerts.candidates[0]).toMatchObject({
      type: 'PIPELINE_UNHEALTHY',
      severity: 'CRITICAL',
      title: 'Discovery run run-0 unhealthy (health 0.08, relaxed thresholds)',
      dedup_key: 'pipeline_unhealthy:run-0',
      event_time: assessment.run.finished_at,
    });
  });

  it('raises a WARNING for a breach at health 0.5 or more', () => {
    // 16,000 ms scores 0; 12 candidates 1; health 0.5.
    const [assessment] = assessAll([run({ duration_ms: 16_000 })]);
    expect(assessment?.health_score).toBe(0.5);
    expect(healthAlerts(assessment!, alertsConfig).severity).toBe('WARNING');
  });

  it('raises nothing for a healthy run, however low a component', () => {
    const [assessment] = assessAll([run({ duration_ms: 14_000, candidate_count: 5 })]);
    expect(healthAlerts(assessment!, alertsConfig)).toEqual({ candidates: [], severity: null });
  });

  it('warns of a sustained drift while every run stays inside the static limits', () => {
    const config = createMonitorConfig({ baseline: { windowRuns: 5, warmUpRuns: 3, sustainedRuns: 2 } });
    const durations = [8_000, 8_000, 8_000, 12_000, 12_500];
    const assessments = assessAll(
      durations.map((duration_ms, i) => run({ duration_ms }, i)),
      config,
    );
    expect(assessments.every((a) => a.healthy)).toBe(true);
    const fourth = assessments[3]!;
    expect(fourth.deviations.find((d) => d.measure === 'duration_ms')).toMatchObject({
      deviation: 10, // (12,000 − 8,000) / 400
      direction: 'above',
      sustained: false,
    });
    expect(healthAlerts(fourth, alertsConfig).candidates).toEqual([]);
    expect(fourth.recommendations).toContain(
      'run duration (ms) above its baseline: 12,000 against a median of 8,000 over 3 runs (10 deviations)',
    );
    const fifth = assessments[4]!;
    expect(fifth.issues).toEqual([
      'run duration (ms) above its baseline for 2 runs in a row: 12,500 against a median of 8,000 over 4 runs (11.25 deviations)',
    ]);
    const alerts = healthAlerts(fifth, alertsConfig);
    expect(alerts.severity).toBeNull();
    expect(alerts.candidates).toEqual([
      expect.objectContaining({
        type: 'PIPELINE_DRIFT',
        severity: 'WARNING',
        dedup_key: 'pipeline_drift:duration_ms',
        data: expect.objectContaining({ run_id: 'run-4', consecutive_runs: '2', direction: 'above' }),
      }),
    ]);
  });
});
