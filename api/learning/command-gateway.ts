/**
 * The API's way to the learning coordinator: its command publisher
 * (streams/learning/command-publisher.ts), with every failure turned into a
 * stable API error. The coordinator applies a command later, from its topic,
 * so an accepted command is only that: its effect (a cycle record, a
 * parameter record, or a dead letter saying why it was refused) follows.
 */
import type { Admin } from 'kafkajs';
import {
  CommandRefusedError,
  type CommandRequest,
  type CommandSenders,
} from '../../streams/learning/command-publisher.ts';
import { DEFAULT_LEARNING_CONFIG } from '../../streams/learning/domain/index.ts';
import { ApiError } from '../errors.ts';

export interface LearningCommands extends CommandSenders {
  /** Names of the parameters the coordinator learns, which may be approved or rolled back. */
  readonly parameters: readonly string[];
}

export interface CommandGatewayOptions {
  /** The command publisher's commands (streams/learning/command-publisher.ts). */
  readonly sender: CommandSenders;
  /** Whether the coordinator's command topic exists; checked before each command until it does. */
  readonly topicReady: () => Promise<boolean>;
  readonly parameters?: readonly string[];
}

/** The commands, refusing with LEARNING_UNAVAILABLE, COMMAND_REFUSED or KAFKA_UNAVAILABLE; nothing is published then. */
export function commandGateway(options: CommandGatewayOptions): LearningCommands {
  const { sender } = options;
  let ready = false;

  async function send<T>(publish: () => Promise<T>): Promise<T> {
    if (!ready) {
      try {
        ready = await options.topicReady();
      } catch {
        throw new ApiError('KAFKA_UNAVAILABLE');
      }
      if (!ready) throw new ApiError('LEARNING_UNAVAILABLE');
    }
    try {
      return await publish();
    } catch (error) {
      if (error instanceof CommandRefusedError) throw new ApiError('COMMAND_REFUSED', error.message);
      throw new ApiError('KAFKA_UNAVAILABLE');
    }
  }

  return {
    parameters: options.parameters ?? DEFAULT_LEARNING_CONFIG.parameters.map((p) => p.name),
    runCycle: (request: CommandRequest) => send(() => sender.runCycle(request)),
    approveParameter: (name, request) => send(() => sender.approveParameter(name, request)),
    rollbackParameter: (name, request) => send(() => sender.rollbackParameter(name, request)),
  };
}

/** A topic check through the Kafka admin client. */
export function kafkaTopicReady(admin: Admin, topic: string): () => Promise<boolean> {
  return async () => (await admin.listTopics()).includes(topic);
}

/** For an API that is given no coordinator (the benchmark): every command answers LEARNING_UNAVAILABLE. */
export const NO_LEARNING_COMMANDS: LearningCommands = commandGateway({
  sender: {
    runCycle: () => Promise.reject(new Error('no coordinator')),
    approveParameter: () => Promise.reject(new Error('no coordinator')),
    rollbackParameter: () => Promise.reject(new Error('no coordinator')),
  },
  topicReady: async () => false,
});
