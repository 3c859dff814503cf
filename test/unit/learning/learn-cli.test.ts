import { describe, expect, it } from 'vitest';
import { CommandRefusedError, validCommand } from '../../../streams/learning/command-publisher.ts';
import { LEARN_USAGE, parseLearnArgs } from '../../../streams/learning/learn-args.ts';

describe('npm run learn', () => {
  it('--now asks for a cycle now, by $USER unless --by says otherwise', () => {
    expect(parseLearnArgs(['--now'], { USER: 'ana' })).toEqual({
      ok: true,
      options: { at: null, by: 'ana' },
    });
    expect(parseLearnArgs(['--now', '--by', 'ops'], {})).toEqual({
      ok: true,
      options: { at: null, by: 'ops' },
    });
    expect(parseLearnArgs(['--now'], {})).toEqual({ ok: true, options: { at: null, by: 'cli' } });
  });

  it('--at names the request time of a backfill', () => {
    expect(parseLearnArgs(['--at', '2026-03-09T12:00:00Z'])).toEqual({
      ok: true,
      options: { at: Date.parse('2026-03-09T12:00:00Z'), by: 'cli' },
    });
  });

  it.each([
    [['--force'], 'unknown argument --force'],
    [['--now', 'extra'], 'unknown argument extra'],
    [[], '--now or --at is required'],
    [['--now', '--at', '2026-03-09T12:00:00Z'], '--now and --at exclude each other'],
    [['--at', '2026-03-09'], 'is not an ISO-8601 time with a zone'],
    [['--by'], '--by needs a value'],
  ])('refuses %j with its usage', (argv, message) => {
    const parsed = parseLearnArgs(argv);
    expect(parsed).toMatchObject({ ok: false, help: false });
    if (!parsed.ok) {
      expect(parsed.message).toContain(message);
      expect(parsed.message).toContain(LEARN_USAGE);
    }
  });

  it('--help prints the usage', () => {
    expect(parseLearnArgs(['--help'])).toEqual({ ok: false, help: true, message: LEARN_USAGE });
  });
});

describe('commands checked before they are published', () => {
  it('refuses an unknown parameter at once, not as a dead letter later', () => {
    const request = { command_id: 'c', requested_at: Date.UTC(2026, 2, 9), requested_by: 'ops' };
    expect(() =>
      validCommand({ kind: 'ROLLBACK_PARAMETER', parameter: 'min_score', ...request }, ['volume_spike_min']),
    ).toThrow(CommandRefusedError);
    expect(validCommand({ kind: 'RUN_CYCLE', ...request }, [])).toEqual({ kind: 'RUN_CYCLE', ...request });
  });
});
