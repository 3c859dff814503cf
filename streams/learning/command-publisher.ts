/**
 * Publishing operators' commands to the coordinator: what `POST
 * /learning/cycles`, `POST /learning/parameters/:name/approve` and `.../rollback`
 * and `npm run learn -- --now` call. A command is checked against the same
 * rules the coordinator applies before it is sent, so a bad request is
 * refused at once (CommandRefusedError) instead of becoming a dead letter.
 * Its request time is its event time and its Kafka timestamp.
 */
import { randomUUID } from 'node:crypto';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { EARLIEST_EVENT_TIME } from '../../schemas/event-time.ts';
import { encodeJson } from '../runtime/json-codec.ts';
import {
  type ApproveParameterCommand,
  type CoordinatorCommand,
  DEFAULT_LEARNING_CONFIG,
  parseCommand,
  type RollbackParameterCommand,
  type RunCycleCommand,
} from './domain/index.ts';

/** The request was not a valid command (unknown parameter, blank requester...): retrying it will not help. */
export class CommandRefusedError extends Error {
  readonly retriable = false;
  constructor(readonly problem: string) {
    super(`command refused: ${problem}`);
    this.name = 'CommandRefusedError';
  }
}

export interface CommandRequest {
  /** Who asks (operator or token name). */
  readonly requestedBy: string;
  /** Epoch ms; the wall clock at the edge by default. A backfill may name a time in its own past. */
  readonly requestedAt?: number;
  /** Caller-chosen id, so a retried request is applied once; a fresh UUID by default. */
  readonly commandId?: string;
}

export interface CommandPublisher {
  /** POST /learning/cycles */
  runCycle(request: CommandRequest): Promise<RunCycleCommand>;
  /** POST /learning/parameters/:name/approve; `proposalId` pins the proposal the operator saw. */
  approveParameter(
    name: string,
    request: CommandRequest & { readonly proposalId?: string },
  ): Promise<ApproveParameterCommand>;
  /** POST /learning/parameters/:name/rollback */
  rollbackParameter(name: string, request: CommandRequest): Promise<RollbackParameterCommand>;
  close(): Promise<void>;
}

export interface CommandPublisherOptions {
  readonly kafka: Kafka;
  /** The coordinator's command topic (prefixed as the job prefixes it). */
  readonly topic: string;
  /** Parameters that may be approved or rolled back; the configured ones by default. */
  readonly parameters?: readonly string[];
  readonly clock?: () => number;
  readonly newId?: () => string;
}

/** The command as validated, or CommandRefusedError. */
export function validCommand(value: unknown, parameters: readonly string[]): CoordinatorCommand {
  const parsed = parseCommand(value, { parameters, earliest: EARLIEST_EVENT_TIME });
  if (!parsed.ok) throw new CommandRefusedError(parsed.problem);
  return parsed.command;
}

export type CommandSenders = Omit<CommandPublisher, 'close'>;

/**
 * The commands, checked and then handed to `send`: the Kafka producer below,
 * or anything else that keeps them (a test's list).
 */
export function commandSenders(
  send: (command: CoordinatorCommand) => Promise<void>,
  options: Pick<CommandPublisherOptions, 'parameters' | 'clock' | 'newId'> = {},
): CommandSenders {
  const parameters = options.parameters ?? DEFAULT_LEARNING_CONFIG.parameters.map((p) => p.name);
  const clock = options.clock ?? Date.now;
  const newId = options.newId ?? randomUUID;

  async function publish<C extends CoordinatorCommand>(
    fields: Record<string, unknown>,
    request: CommandRequest,
  ) {
    const command = validCommand(
      {
        ...fields,
        command_id: request.commandId ?? newId(),
        requested_at: request.requestedAt ?? clock(),
        requested_by: request.requestedBy,
      },
      parameters,
    ) as C;
    await send(command);
    return command;
  }

  return {
    runCycle: (request) => publish<RunCycleCommand>({ kind: 'RUN_CYCLE' }, request),
    approveParameter: (name, request) =>
      publish<ApproveParameterCommand>(
        {
          kind: 'APPROVE_PARAMETER',
          parameter: name,
          ...(request.proposalId ? { proposal_id: request.proposalId } : {}),
        },
        request,
      ),
    rollbackParameter: (name, request) =>
      publish<RollbackParameterCommand>({ kind: 'ROLLBACK_PARAMETER', parameter: name }, request),
  };
}

export async function createCommandPublisher(options: CommandPublisherOptions): Promise<CommandPublisher> {
  const producer: Producer = options.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const senders = commandSenders(async (command) => {
    await producer.send({
      topic: options.topic,
      // One key: commands keep their order even if the topic is ever given more partitions.
      messages: [{ key: 'coordinator', value: encodeJson(command), timestamp: String(command.requested_at) }],
    });
  }, options);
  return { ...senders, close: () => producer.disconnect() };
}
