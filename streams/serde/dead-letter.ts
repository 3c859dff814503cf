// Turns a rejected record and where it came from into a dead-letter record.
import { keyOf, TOPICS } from '../../schemas/topics.ts';
import type { DeadLetter } from '../../schemas/types.generated.ts';
import type { Rejection } from './reasons.ts';

export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  /** kafkajs hands offsets and timestamps over as strings. */
  readonly offset: string | number | bigint;
  readonly timestamp: string | number;
  readonly key: Uint8Array | null | undefined;
  readonly value: Uint8Array | null | undefined;
}

export interface DeadLetterContext {
  readonly failedAt: number;
  readonly processor?: string | null;
}

function bytesOrNull(bytes: Uint8Array | null | undefined): Buffer | null {
  if (bytes === null || bytes === undefined) return null;
  return Buffer.from(bytes);
}

export function buildDeadLetter(
  source: DeadLetterSource,
  reason: Rejection,
  context: DeadLetterContext,
): DeadLetter {
  return {
    source_topic: source.topic,
    source_partition: source.partition,
    source_offset: Number(source.offset),
    source_timestamp: Number(source.timestamp),
    key: bytesOrNull(source.key),
    value: bytesOrNull(source.value),
    reason_code: reason.code,
    reason: reason.message,
    processor: context.processor ?? null,
    failed_at: context.failedAt,
  };
}

/** The record key of a dead letter: <source_topic>:<source_partition>:<source_offset>. */
export function deadLetterKey(letter: DeadLetter): string {
  return keyOf(TOPICS.deadLetters.name, letter);
}
