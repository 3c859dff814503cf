/**
 * The rows waiting to be inserted, by table, each with the Kafka record it
 * came from (a refused row's record becomes a dead letter), plus the dead
 * letters of records that could not be decoded and the offsets to commit
 * once all of it is stored.
 */
import type { DeadLetter } from '../../schemas/types.generated.ts';
import type { TableRow } from '../mapping/routes.ts';
import type { TableName } from '../schema/names.ts';
import type { Row } from '../writer/contract.ts';
import type { BufferState } from './flush-policy.ts';
import { OffsetTracker } from './offset-tracker.ts';
import type { SourceRecord } from './source-record.ts';

export interface PendingRow {
  readonly row: Row;
  readonly source: SourceRecord;
  /** failed_at of the dead letter the record becomes if ClickHouse refuses the row. */
  readonly failedAt: number;
}

export interface Batch {
  readonly tables: ReadonlyMap<TableName, readonly PendingRow[]>;
  readonly deadLetters: readonly DeadLetter[];
  readonly offsets: OffsetTracker;
  readonly records: number;
  readonly rows: number;
}

export class BatchBuffer {
  private tables = new Map<TableName, PendingRow[]>();
  private deadLetters: DeadLetter[] = [];
  private offsets = new OffsetTracker();
  private records = 0;
  private rows = 0;
  private openedAt: number | undefined;

  /** A decoded record and its rows. */
  add(source: SourceRecord, rows: readonly TableRow[], failedAt: number, now: number): void {
    for (const { table, row } of rows) {
      let list = this.tables.get(table);
      if (list === undefined) {
        list = [];
        this.tables.set(table, list);
      }
      list.push({ row, source, failedAt });
    }
    this.rows += rows.length;
    this.records++;
    this.noteOffset(source.topic, source.partition, nextOffsetAfter(source.offset), now);
  }

  /** A record that becomes a dead letter instead of rows. */
  addDeadLetter(source: SourceRecord, letter: DeadLetter, now: number): void {
    this.deadLetters.push(letter);
    this.records++;
    this.noteOffset(source.topic, source.partition, nextOffsetAfter(source.offset), now);
  }

  noteOffset(topic: string, partition: number, nextOffset: string, now: number): void {
    this.offsets.note(topic, partition, nextOffset);
    this.openedAt ??= now;
  }

  state(): BufferState {
    return { rows: this.rows, records: this.records, offsets: this.offsets.size, openedAt: this.openedAt };
  }

  get heldRecords(): number {
    return this.records;
  }

  get heldRows(): number {
    return this.rows;
  }

  /** Everything held, as one batch; the buffer starts empty again. */
  take(): Batch {
    const batch: Batch = {
      tables: this.tables,
      deadLetters: this.deadLetters,
      offsets: this.offsets,
      records: this.records,
      rows: this.rows,
    };
    this.tables = new Map();
    this.deadLetters = [];
    this.offsets = new OffsetTracker();
    this.records = 0;
    this.rows = 0;
    this.openedAt = undefined;
    return batch;
  }
}

/** The offset after `offset`; Kafka offsets are 64-bit, so text, though in practice they fit a double exactly. */
export function nextOffsetAfter(offset: string): string {
  const n = Number(offset);
  return Number.isSafeInteger(n + 1) ? String(n + 1) : (BigInt(offset) + 1n).toString();
}
