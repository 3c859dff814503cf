import { describe, expect, it } from 'vitest';
import {
  applyProposal,
  approvable,
  createLearningConfig,
  type PendingProposal,
  type ProposalEvidence,
  proposalStatus,
  rollBack,
  valueInForce,
} from '../../../streams/learning/domain/index.ts';

const evidence = (confidence: number | null, earned = true): ProposalEvidence => ({
  parameter: 'composite_score_threshold',
  current_value: 50,
  proposed_value: earned ? 70 : null,
  sample_size: 600,
  confidence,
  expected_improvement: earned ? 6.5 : null,
  interval: earned ? [4, 9] : null,
  earned,
  rationale: earned ? '70 instead of 50 ...' : 'not enough data: ...',
});

const pending: PendingProposal = {
  proposal_id: 'weekly-2026-03-09:composite_score_threshold',
  cycle_id: 'weekly-2026-03-09',
  parameter: 'composite_score_threshold',
  current_value: 50,
  proposed_value: 70,
  confidence: 0.97,
  expected_improvement: 6.5,
  sample_size: 600,
  rationale: '70 instead of 50 ...',
  proposed_at: Date.UTC(2026, 2, 9, 12),
};

describe('what happens to an earned proposal', () => {
  it('auto-apply off: it waits, pending, whatever its confidence', () => {
    const config = createLearningConfig({ autoApply: false });
    expect(proposalStatus(evidence(1), config)).toBe('PENDING');
  });

  it('auto-apply on: applied at the configured confidence (0.9), pending at 0.89', () => {
    const config = createLearningConfig({ autoApply: true });
    expect(config.autoApplyMinConfidence).toBe(0.9);
    expect(proposalStatus(evidence(0.9), config)).toBe('APPLIED');
    expect(proposalStatus(evidence(0.89), config)).toBe('PENDING');
    expect(
      proposalStatus(evidence(0.97), createLearningConfig({ autoApply: true, autoApplyMinConfidence: 0.98 })),
    ).toBe('PENDING');
  });

  it('without enough data it is neither applied nor pending', () => {
    expect(proposalStatus(evidence(null, false), createLearningConfig({ autoApply: true }))).toBe(
      'INSUFFICIENT_DATA',
    );
  });
});

describe('approve and roll back', () => {
  it('approval applies the pending value, with the value in force as the previous one', () => {
    const approved = approvable(pending, 'composite_score_threshold', null);
    if (!approved.ok) throw new Error(approved.problem);
    const applied = applyProposal(
      undefined,
      approved.proposal,
      { source: 'APPROVED', at: 1000, by: 'ops' },
      50,
    );
    expect(applied.change).toEqual({
      name: 'composite_score_threshold',
      value: 70,
      previous_value: 50,
      cycle_id: 'weekly-2026-03-09',
      proposal_id: 'weekly-2026-03-09:composite_score_threshold',
      source: 'APPROVED',
      confidence: 0.97,
      applied_at: 1000,
      applied_by: 'ops',
      reason: '70 instead of 50 ...',
    });
    expect(valueInForce(applied.state, 50)).toBe(70);
  });

  it('an approval of a proposal that is no longer pending, or of nothing, is refused', () => {
    expect(approvable(undefined, 'vigl_score_threshold', null)).toEqual({
      ok: false,
      problem: 'no proposal for vigl_score_threshold is pending',
    });
    expect(
      approvable(pending, 'composite_score_threshold', 'weekly-2026-03-02:composite_score_threshold').ok,
    ).toBe(false);
    expect(approvable(pending, 'composite_score_threshold', pending.proposal_id).ok).toBe(true);
  });

  it('rollback restores the previous value, then the one before; with nothing left it is refused', () => {
    const first = applyProposal(undefined, pending, { source: 'AUTOMATIC', at: 1, by: null }, 50);
    const second = applyProposal(
      first.state,
      { ...pending, proposal_id: 'p2', proposed_value: 75 },
      { source: 'APPROVED', at: 2, by: 'ops' },
      50,
    );
    expect(second.change.previous_value).toBe(70);
    const back = rollBack(second.state, 'composite_score_threshold', { at: 3, by: 'ops' });
    if (!back.ok) throw new Error(back.problem);
    expect(back.change).toMatchObject({
      value: 70,
      previous_value: 75,
      source: 'MANUAL',
      applied_at: 3,
      applied_by: 'ops',
    });
    const again = rollBack(back.state, 'composite_score_threshold', { at: 4, by: 'ops' });
    if (!again.ok) throw new Error(again.problem);
    expect(again.change).toMatchObject({ value: 50, previous_value: 70 });
    expect(rollBack(again.state, 'composite_score_threshold', { at: 5, by: 'ops' })).toEqual({
      ok: false,
      problem: 'composite_score_threshold has no change of this system to roll back',
    });
  });

  it('a change whose previous value was unknown cannot be rolled back', () => {
    const applied = applyProposal(
      undefined,
      { ...pending, current_value: null },
      { source: 'AUTOMATIC', at: 1, by: null },
      null,
    );
    expect(rollBack(applied.state, 'composite_score_threshold', { at: 2, by: 'ops' })).toMatchObject({
      ok: false,
    });
  });
});
