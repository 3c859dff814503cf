/**
 * What operators may ask of the coordinator, as JSON records on its command
 * topic. Each carries its request time as its event time. Validated
 * strictly: a command that is not exactly one of these shapes is refused
 * whole, so a typo cannot approve or roll back the wrong thing.
 */

export const COMMAND_KINDS = ['RUN_CYCLE', 'APPROVE_PARAMETER', 'ROLLBACK_PARAMETER'] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

interface CommandBase {
  /** Unique per request: a command delivered twice (a retried request) is applied once. */
  readonly command_id: string;
  /** When it was requested, epoch ms: the command's event time. */
  readonly requested_at: number;
  /** Who asked (operator or token name). */
  readonly requested_by: string;
}

export interface RunCycleCommand extends CommandBase {
  readonly kind: 'RUN_CYCLE';
}

export interface ApproveParameterCommand extends CommandBase {
  readonly kind: 'APPROVE_PARAMETER';
  readonly parameter: string;
  /** The proposal the operator saw; null approves whichever is pending. A newer one is not approved in its place. */
  readonly proposal_id: string | null;
}

export interface RollbackParameterCommand extends CommandBase {
  readonly kind: 'ROLLBACK_PARAMETER';
  readonly parameter: string;
}

export type CoordinatorCommand = RunCycleCommand | ApproveParameterCommand | RollbackParameterCommand;

/** The id of the cycle a RUN_CYCLE command asks for: whoever asked can find it by this. */
export function onDemandCycleId(commandId: string): string {
  return `on-demand-${commandId}`;
}

export type ParsedCommand =
  | { readonly ok: true; readonly command: CoordinatorCommand }
  | { readonly ok: false; readonly problem: string };

const FIELDS: Readonly<Record<CommandKind, readonly string[]>> = {
  RUN_CYCLE: ['kind', 'command_id', 'requested_at', 'requested_by'],
  APPROVE_PARAMETER: ['kind', 'command_id', 'requested_at', 'requested_by', 'parameter', 'proposal_id'],
  ROLLBACK_PARAMETER: ['kind', 'command_id', 'requested_at', 'requested_by', 'parameter'],
};
const OPTIONAL = new Set(['proposal_id']);
const MAX_TEXT = 200;
// Printable text only: identifiers end up in record keys, logs and alert messages.
const CONTROL = /\p{Cc}/u;

class CommandProblem extends Error {}

function text(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT || CONTROL.test(value)) {
    throw new CommandProblem(`${name} must be printable text of 1 to ${MAX_TEXT} characters`);
  }
  return value;
}

export interface CommandRules {
  /** Parameters that may be approved or rolled back. */
  readonly parameters: readonly string[];
  /** Earliest acceptable request time (epoch ms). */
  readonly earliest: number;
}

function parse(value: unknown, rules: CommandRules): CoordinatorCommand {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CommandProblem('a command is a JSON object');
  }
  const fields = value as Record<string, unknown>;
  const kind = fields.kind;
  if (typeof kind !== 'string' || !(COMMAND_KINDS as readonly string[]).includes(kind)) {
    throw new CommandProblem(`kind must be one of ${COMMAND_KINDS.join(', ')}`);
  }
  const allowed = FIELDS[kind as CommandKind];
  for (const name of Object.keys(fields)) {
    if (!allowed.includes(name))
      throw new CommandProblem(`unknown field ${name} for ${kind}; allowed: ${allowed.join(', ')}`);
  }
  for (const name of allowed) {
    if (!(name in fields) && !OPTIONAL.has(name)) throw new CommandProblem(`${name} is missing`);
  }
  const requestedAt = fields.requested_at;
  if (typeof requestedAt !== 'number' || !Number.isSafeInteger(requestedAt) || requestedAt < rules.earliest) {
    throw new CommandProblem(
      `requested_at must be integer epoch milliseconds from ${new Date(rules.earliest).toISOString()}`,
    );
  }
  const base = {
    command_id: text(fields, 'command_id'),
    requested_at: requestedAt,
    requested_by: text(fields, 'requested_by'),
  };
  if (kind === 'RUN_CYCLE') return { kind, ...base };
  const parameter = text(fields, 'parameter');
  if (!rules.parameters.includes(parameter)) {
    throw new CommandProblem(`unknown parameter ${parameter}; known: ${rules.parameters.join(', ')}`);
  }
  if (kind === 'ROLLBACK_PARAMETER') return { kind, ...base, parameter };
  const proposalId =
    fields.proposal_id === undefined || fields.proposal_id === null ? null : text(fields, 'proposal_id');
  return { kind: 'APPROVE_PARAMETER', ...base, parameter, proposal_id: proposalId };
}

export function parseCommand(value: unknown, rules: CommandRules): ParsedCommand {
  try {
    return { ok: true, command: parse(value, rules) };
  } catch (error) {
    if (error instanceof CommandProblem) return { ok: false, problem: error.message };
    throw error;
  }
}
