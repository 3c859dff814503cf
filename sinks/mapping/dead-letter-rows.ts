import type { DeadLetter } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, dateTimeHolds, lineage, type RowSource } from './columns.ts';

/** One dead_letters row per dead letter; the original bytes as base64, '' for "rejected while decoding". */
export function deadLetterRow(letter: DeadLetter, source: RowSource): Row {
  return {
    source_topic: letter.source_topic,
    source_partition: letter.source_partition,
    source_offset: letter.source_offset,
    // The Kafka timestamp is kept as the contract gives it; a producer's odd clock must not lose the letter.
    source_timestamp: dateTime(
      dateTimeHolds(letter.source_timestamp) ? letter.source_timestamp : 0,
      'source_timestamp',
    ),
    key_base64: letter.key === null ? null : letter.key.toString('base64'),
    value_base64: letter.value === null ? null : letter.value.toString('base64'),
    reason_code: letter.reason_code,
    reason: letter.reason,
    processor: letter.processor ?? '',
    failed_at: dateTime(letter.failed_at, 'failed_at'),
    version: source.offset,
    ...lineage(source),
  };
}
