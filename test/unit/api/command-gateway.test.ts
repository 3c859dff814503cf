import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/errors.ts';
import { commandGateway, NO_LEARNING_COMMANDS } from '../../../api/learning/command-gateway.ts';
import { CommandRefusedError, commandSenders } from '../../../streams/learning/command-publisher.ts';
import type { CoordinatorCommand } from '../../../streams/learning/domain/index.ts';

const AT = Date.UTC(2026, 3, 30, 12);

function gateway(options: { ready?: () => Promise<boolean>; fail?: Error } = {}) {
  const sent: CoordinatorCommand[] = [];
  const checks: number[] = [];
  const commands = commandGateway({
    sender: commandSenders(async (command) => {
      if (options.fail) throw options.fail;
      sent.push(command);
    }),
    topicReady: async () => {
      checks.push(checks.length + 1);
      return (options.ready ?? (async () => true))();
    },
  });
  return { commands, sent, checks };
}

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).code;
};

describe('the learning command gateway', () => {
  it('publishes a valid command as the coordinator will read it, and checks the topic until it exists', async () => {
    let exists = false;
    const { commands, sent, checks } = gateway({ ready: async () => exists });
    expect(await codeOf(commands.runCycle({ requestedBy: 'ops', requestedAt: AT }))).toBe(
      'LEARNING_UNAVAILABLE',
    );
    exists = true;
    const command = await commands.approveParameter('vigl_score_threshold', {
      requestedBy: 'ops',
      requestedAt: AT,
      commandId: 'c-1',
      proposalId: 'weekly-2026-04-27:vigl_score_threshold',
    });
    await commands.rollbackParameter('vigl_score_threshold', { requestedBy: 'ops', requestedAt: AT });
    expect(command).toEqual({
      kind: 'APPROVE_PARAMETER',
      command_id: 'c-1',
      requested_at: AT,
      requested_by: 'ops',
      parameter: 'vigl_score_threshold',
      proposal_id: 'weekly-2026-04-27:vigl_score_threshold',
    });
    expect(sent.map((c) => c.kind)).toEqual(['APPROVE_PARAMETER', 'ROLLBACK_PARAMETER']);
    // Checked while missing and once more when it was there; not again after that.
    expect(checks).toEqual([1, 2]);
  });

  it("refuses what the coordinator's rules refuse as COMMAND_REFUSED, naming the rule, and sends nothing", async () => {
    const { commands, sent } = gateway();
    const refused = commands.rollbackParameter('min_composite_score', {
      requestedBy: 'ops',
      requestedAt: AT,
    });
    const error = (await refused.catch((e: unknown) => e)) as ApiError;
    expect([error.code, error.status, error.retriable]).toEqual(['COMMAND_REFUSED', 400, false]);
    expect(error.message).toContain('unknown parameter min_composite_score');
    expect(await codeOf(commands.runCycle({ requestedBy: 'ops', requestedAt: Date.UTC(1985, 0, 1) }))).toBe(
      'COMMAND_REFUSED',
    );
    expect(sent).toEqual([]);
  });

  it('answers KAFKA_UNAVAILABLE when the topic cannot be checked or the command not sent', async () => {
    const down = gateway({
      ready: async () => {
        throw new Error('broker gone');
      },
    });
    expect(await codeOf(down.commands.runCycle({ requestedBy: 'ops', requestedAt: AT }))).toBe(
      'KAFKA_UNAVAILABLE',
    );
    const failing = gateway({ fail: new Error('request timed out') });
    expect(await codeOf(failing.commands.runCycle({ requestedBy: 'ops', requestedAt: AT }))).toBe(
      'KAFKA_UNAVAILABLE',
    );
    // A refusal raised while sending is still the caller's to fix, not a Kafka failure.
    const refusing = gateway({ fail: new CommandRefusedError('no') });
    expect(await codeOf(refusing.commands.runCycle({ requestedBy: 'ops', requestedAt: AT }))).toBe(
      'COMMAND_REFUSED',
    );
  });

  it('names the parameters the coordinator learns; without a coordinator every command is unavailable', async () => {
    expect(gateway().commands.parameters).toEqual([
      'composite_score_threshold',
      'vigl_score_threshold',
      'volume_spike_min',
    ]);
    expect(await codeOf(NO_LEARNING_COMMANDS.runCycle({ requestedBy: 'ops' }))).toBe('LEARNING_UNAVAILABLE');
  });
});
