import type { Admin, Kafka } from 'kafkajs';
import { KafkaJSProtocolError } from 'kafkajs';

/** What kafkajs' admin throws while a partition's leader settles: a protocol error carrying the broker's error type. */
export const notLeader = () =>
  Object.assign(new KafkaJSProtocolError('This server is not the leader for that topic-partition'), {
    type: 'NOT_LEADER_FOR_PARTITION',
    code: 6,
    retriable: true,
  });

/**
 * An admin whose fetchTopicOffsets gives `answers` in turn (the last one from
 * then on): each answer returns the offsets or throws. `asked` counts the calls.
 */
export function adminAnswering(answers: readonly (() => unknown)[]): {
  admin: Admin;
  kafka: Kafka;
  asked: () => number;
} {
  let asked = 0;
  const fake = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicOffsets: async () => {
      const answer = answers[Math.min(asked++, answers.length - 1)]!;
      return answer();
    },
  };
  const admin = fake as unknown as Admin;
  return { admin, kafka: { admin: () => admin } as unknown as Kafka, asked: () => asked };
}
