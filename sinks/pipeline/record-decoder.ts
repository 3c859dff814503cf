/**
 * A Kafka record of a sunk topic to its rows, or to the dead letter it
 * becomes: undecodable or against the topic's rules (the serde's reasons,
 * processor null as for any decoding failure), or decodable but not storable
 * (PROCESSING_FAILED by the sink).
 */
import type { DeadLetter } from '../../schemas/types.generated.ts';
import { buildDeadLetter, type Rejection, rejection } from '../../streams/serde/index.ts';
import type { Serde } from '../../streams/serde/serde.ts';
import { dateTimeHolds } from '../mapping/columns.ts';
import { eventTimeOf, rowsOf, type SinkContract, type TableRow } from '../mapping/routes.ts';
import type { SourceRecord } from './source-record.ts';

/** The processor name on the sink's own dead letters. */
export const SINK_PROCESSOR = 'clickhouse-sink';

export type DecodedRecord =
  | { readonly ok: true; readonly rows: readonly TableRow[]; readonly failedAt: number }
  | { readonly ok: false; readonly letter: DeadLetter };

export type RecordDecoder = (record: SourceRecord) => Promise<DecodedRecord>;

/** A dead letter of the sink for a record it read; `failedAt` is the record's event time when it has a usable one. */
export function sinkDeadLetter(
  record: SourceRecord,
  reason: Rejection,
  failedAt: number,
  processor: string | null,
): DeadLetter {
  return buildDeadLetter(record, reason, { failedAt, processor });
}

export function createRecordDecoder(options: {
  readonly serde: Serde;
  /** Topic name as consumed (prefixed, or a test's) to the contract its records follow. */
  readonly contracts: ReadonlyMap<string, SinkContract>;
  /** Used for failed_at only when a record has no usable event time. */
  readonly clock?: () => number;
}): RecordDecoder {
  const clock = options.clock ?? Date.now;
  return async (record) => {
    const contract = options.contracts.get(record.topic);
    if (contract === undefined) throw new Error(`the sink does not read topic ${record.topic}`);
    const decoded = await options.serde.decode(contract, record.value, { key: record.key });
    if (!decoded.ok) {
      return { ok: false, letter: sinkDeadLetter(record, decoded.rejection, clock(), null) };
    }
    const eventTime = eventTimeOf(contract, decoded.record);
    const failedAt = dateTimeHolds(eventTime) ? eventTime : clock();
    try {
      return { ok: true, rows: rowsOf(contract, decoded.record, record), failedAt };
    } catch (error) {
      const reason = rejection(
        'PROCESSING_FAILED',
        `not storable in ClickHouse: ${(error as Error).message}`,
      );
      return { ok: false, letter: sinkDeadLetter(record, reason, failedAt, SINK_PROCESSOR) };
    }
  };
}
