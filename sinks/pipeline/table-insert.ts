/**
 * Inserts a table's rows and finds the ones ClickHouse refuses. An insert is
 * all or nothing, so a refused insert is split: the row the server names
 * (`at row N`) on its own, the rows before it together, the rest again; when
 * the server names no row, halves. Every row ends up acknowledged or refused
 * on its own, with the server's message.
 */
import type { RowWriter } from '../writer/contract.ts';
import { WriteError } from '../writer/errors.ts';
import type { PendingRow } from './batch-buffer.ts';

export interface RefusedRow {
  readonly table: string;
  readonly pending: PendingRow;
  readonly message: string;
}

/** Runs one insert, retrying while ClickHouse is unavailable. */
export type InsertAttempt = (table: string, rows: readonly PendingRow[]) => Promise<void>;

/** The 0-based index of the row a refusal names, if it names one inside the insert. */
export function refusedRowIndex(message: string, rowCount: number): number | undefined {
  const match = /\(at row (\d+)\)/.exec(message);
  const index = match ? Number(match[1]) - 1 : -1;
  return index >= 0 && index < rowCount ? index : undefined;
}

function splitAround(rows: readonly PendingRow[], message: string): (readonly PendingRow[])[] {
  const index = refusedRowIndex(message, rows.length);
  if (index === undefined) {
    const half = Math.ceil(rows.length / 2);
    return [rows.slice(0, half), rows.slice(half)];
  }
  return [rows.slice(0, index), rows.slice(index, index + 1), rows.slice(index + 1)].filter(
    (p) => p.length > 0,
  );
}

export async function insertFindingRefused(
  table: string,
  rows: readonly PendingRow[],
  attempt: InsertAttempt,
): Promise<RefusedRow[]> {
  if (rows.length === 0) return [];
  try {
    await attempt(table, rows);
    return [];
  } catch (error) {
    if (!(error instanceof WriteError) || error.failure !== 'refused') throw error;
    if (rows.length === 1) return [{ table, pending: rows[0]!, message: error.message }];
    const refused: RefusedRow[] = [];
    for (const part of splitAround(rows, error.message)) {
      refused.push(...(await insertFindingRefused(table, part, attempt)));
    }
    return refused;
  }
}

/** The writer's insert of pending rows. */
export function writerAttempt(
  writer: RowWriter,
): (table: string, rows: readonly PendingRow[]) => Promise<void> {
  return (table, rows) =>
    writer.insert(
      table,
      rows.map((p) => p.row),
    );
}
