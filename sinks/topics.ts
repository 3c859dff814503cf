/**
 * The topics the sink reads, each bound to its contract. Names get the
 * deployment's topic prefix, as the processors' do; tests bind their own.
 */
import type { Admin } from 'kafkajs';
import { TOPICS } from '../schemas/topics.ts';
import { ensureTopics } from '../streams/app/topics.ts';
import { SINK_CONTRACTS, type SinkContract } from './mapping/routes.ts';

export type SinkTopics = Readonly<Record<SinkContract, string>>;

export function sinkTopicsFor(prefix: string): SinkTopics {
  return Object.freeze(
    Object.fromEntries(SINK_CONTRACTS.map((contract) => [contract, `${prefix}${contract}`])),
  ) as SinkTopics;
}

/** Topic name as read to its contract. */
export function contractsByTopic(topics: SinkTopics): Map<string, SinkContract> {
  return new Map(SINK_CONTRACTS.map((contract) => [topics[contract], contract]));
}

export function deadLetterTopicOf(topics: SinkTopics): string {
  return topics[TOPICS.deadLetters.name];
}

/**
 * Creates the sink's topics that do not exist yet, the way the processors
 * create them (dead letters in one partition, parameters compacted), so the
 * sink can start before them.
 */
export async function ensureSinkTopics(admin: Admin, topics: SinkTopics, partitions: number): Promise<void> {
  await ensureTopics(
    admin,
    SINK_CONTRACTS.map((contract) => ({
      name: topics[contract],
      partitions: contract === TOPICS.deadLetters.name ? 1 : partitions,
      compact: contract === TOPICS.parameters.name,
    })),
  );
}
