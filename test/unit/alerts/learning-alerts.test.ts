import { describe, expect, it } from 'vitest';
import {
  buildAlertCandidate,
  candidateProblems,
  createAlertsConfig,
  InvalidAlertInputError,
} from '../../../streams/alerts/domain/index.ts';
import { toAlertRecord } from '../../../streams/alerts/mapping.ts';

const config = createAlertsConfig();
const AT = Date.parse('2026-03-09T12:00:00Z');

describe('learning coordinator alerts', () => {
  it('CYCLE_COMPLETED: INFO per completed cycle, WARNING when it failed, keyed by cycle', () => {
    const completed = buildAlertCandidate(
      'CYCLE_COMPLETED',
      {
        cycle_id: 'weekly-2026-03-09',
        trigger: 'SCHEDULED',
        status: 'COMPLETED',
        window_start: Date.parse('2025-12-08T12:00:00Z'),
        window_end: Date.parse('2026-03-09T11:00:00Z'),
        proposals_pending: 1,
        proposals_applied: 0,
        insights: ['The data supports composite_score_threshold 50 -> 70.'],
        error: null,
        event_time: AT,
      },
      config,
    )!;
    expect(completed).toMatchObject({
      type: 'CYCLE_COMPLETED',
      severity: 'INFO',
      component: 'learning-coordinator',
      title: 'Learning cycle weekly-2026-03-09 completed',
      dedup_key: 'cycle_completed:weekly-2026-03-09',
      event_time: AT,
    });
    expect(completed.message).toBe(
      'Weekly learning cycle over 2025-12-08 to 2026-03-09: 1 proposals awaiting approval, 0 applied. ' +
        'The data supports composite_score_threshold 50 -> 70.',
    );
    expect(candidateProblems(completed)).toEqual([]);
    const failed = buildAlertCandidate(
      'CYCLE_COMPLETED',
      { ...completedInput(), status: 'FAILED', error: 'boom' },
      config,
    )!;
    expect(failed.severity).toBe('WARNING');
    expect(failed.message).toContain('failed: boom');
  });

  it('PARAMETER_PROPOSED: a WARNING per proposal awaiting approval', () => {
    const proposed = buildAlertCandidate(
      'PARAMETER_PROPOSED',
      {
        proposal_id: 'weekly-2026-03-09:vigl_score_threshold',
        cycle_id: 'weekly-2026-03-09',
        parameter: 'vigl_score_threshold',
        current_value: 0.3,
        proposed_value: 0.6000000000000001,
        confidence: 0.9876,
        expected_improvement: 6.5,
        sample_size: 600,
        rationale: 'because',
        event_time: AT,
      },
      config,
    )!;
    expect(proposed).toMatchObject({
      type: 'PARAMETER_PROPOSED',
      severity: 'WARNING',
      title: 'Proposed: vigl_score_threshold 0.3 -> 0.6 (confidence 98.8%)',
      dedup_key: 'parameter_proposed:weekly-2026-03-09:vigl_score_threshold',
    });
    expect(proposed.data).toMatchObject({ confidence: '0.9876', current_value: '0.3', sample_size: '600' });
    expect(() =>
      buildAlertCandidate('PARAMETER_PROPOSED', { ...proposedInput(), confidence: 1.2 }, config),
    ).toThrow(InvalidAlertInputError);
  });

  it('PARAMETER_APPLIED: WARNING when nobody signed for it, INFO when approved or rolled back', () => {
    const auto = buildAlertCandidate('PARAMETER_APPLIED', appliedInput('AUTOMATIC', null), config)!;
    expect(auto).toMatchObject({
      severity: 'WARNING',
      title: 'composite_score_threshold 50 -> 70 (applied automatically)',
      dedup_key: `parameter_applied:composite_score_threshold:${AT}`,
    });
    const approved = buildAlertCandidate('PARAMETER_APPLIED', appliedInput('APPROVED', 'ops'), config)!;
    expect(approved.severity).toBe('INFO');
    expect(approved.message).toBe('composite_score_threshold is now 70 (was 50), approved by ops: evidence.');
  });

  it('map onto the contract with their own types, not OTHER', () => {
    for (const type of ['CYCLE_COMPLETED', 'PARAMETER_PROPOSED', 'PARAMETER_APPLIED'] as const) {
      const record = toAlertRecord({
        alert_id: 'a',
        type,
        severity: 'INFO',
        component: 'learning-coordinator',
        title: 't',
        message: 'm',
        data: {},
        dedup_key: 'k',
        created_at: AT,
        requires_ack: false,
        occurrences: 1,
        last_seen_at: AT,
        acknowledged: false,
        acknowledged_by: null,
        acknowledged_at: null,
      });
      expect(record.type).toBe(type);
    }
  });
});

function completedInput() {
  return {
    cycle_id: 'c',
    trigger: 'ON_DEMAND' as const,
    status: 'COMPLETED' as const,
    window_start: AT - 1,
    window_end: AT,
    proposals_pending: 0,
    proposals_applied: 0,
    insights: [],
    error: null,
    event_time: AT,
  };
}

function proposedInput() {
  return {
    proposal_id: 'c:p',
    cycle_id: 'c',
    parameter: 'p',
    current_value: null,
    proposed_value: 1,
    confidence: 0.5,
    expected_improvement: 1,
    sample_size: 1,
    rationale: 'r',
    event_time: AT,
  };
}

function appliedInput(source: 'AUTOMATIC' | 'APPROVED', by: string | null) {
  return {
    name: 'composite_score_threshold',
    value: 70,
    previous_value: 50,
    source,
    proposal_id: 'weekly-2026-03-09:composite_score_threshold',
    applied_by: by,
    reason: 'evidence',
    event_time: AT,
  };
}
