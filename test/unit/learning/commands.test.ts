import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../streams/learning/domain/index.ts';

const rules = {
  parameters: ['composite_score_threshold', 'volume_spike_min'],
  earliest: Date.UTC(1990, 0, 1),
};
const base = { command_id: 'c-1', requested_at: Date.UTC(2026, 2, 9, 12), requested_by: 'ops' };

describe('operator commands', () => {
  it('accepts exactly the three shapes', () => {
    expect(parseCommand({ kind: 'RUN_CYCLE', ...base }, rules)).toEqual({
      ok: true,
      command: { kind: 'RUN_CYCLE', ...base },
    });
    expect(
      parseCommand({ kind: 'APPROVE_PARAMETER', ...base, parameter: 'volume_spike_min' }, rules),
    ).toEqual({
      ok: true,
      command: { kind: 'APPROVE_PARAMETER', ...base, parameter: 'volume_spike_min', proposal_id: null },
    });
    expect(
      parseCommand(
        {
          kind: 'APPROVE_PARAMETER',
          ...base,
          parameter: 'volume_spike_min',
          proposal_id: 'w:volume_spike_min',
        },
        rules,
      ),
    ).toMatchObject({ ok: true, command: { proposal_id: 'w:volume_spike_min' } });
    expect(
      parseCommand({ kind: 'ROLLBACK_PARAMETER', ...base, parameter: 'composite_score_threshold' }, rules),
    ).toEqual({
      ok: true,
      command: { kind: 'ROLLBACK_PARAMETER', ...base, parameter: 'composite_score_threshold' },
    });
  });

  it.each([
    ['not an object', [], 'a command is a JSON object'],
    ['an unknown kind', { kind: 'DELETE_EVERYTHING', ...base }, 'kind must be one of'],
    ['an unknown field', { kind: 'RUN_CYCLE', ...base, force: true }, 'unknown field force'],
    [
      'a field of another kind',
      { kind: 'RUN_CYCLE', ...base, parameter: 'volume_spike_min' },
      'unknown field parameter',
    ],
    [
      'a missing field',
      { kind: 'RUN_CYCLE', command_id: 'c', requested_at: base.requested_at },
      'requested_by is missing',
    ],
    ['a blank id', { kind: 'RUN_CYCLE', ...base, command_id: '  ' }, 'command_id must be printable text'],
    [
      'a control character',
      { kind: 'RUN_CYCLE', ...base, requested_by: 'ops\n' },
      'requested_by must be printable',
    ],
    [
      'a time in seconds',
      { kind: 'RUN_CYCLE', ...base, requested_at: 1.5 },
      'requested_at must be integer epoch milliseconds',
    ],
    ['a time before 1990', { kind: 'RUN_CYCLE', ...base, requested_at: 0 }, 'requested_at must be'],
    ['a time as text', { kind: 'RUN_CYCLE', ...base, requested_at: '2026-03-09' }, 'requested_at must be'],
    [
      'an unknown parameter',
      { kind: 'ROLLBACK_PARAMETER', ...base, parameter: 'min_score' },
      'unknown parameter min_score',
    ],
    ['an approval without parameter', { kind: 'APPROVE_PARAMETER', ...base }, 'parameter is missing'],
  ])('refuses %s', (_what, value, problem) => {
    const parsed = parseCommand(value, rules);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});
