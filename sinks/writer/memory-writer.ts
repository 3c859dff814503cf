/**
 * An in-memory RowWriter for tests, with the tables the migrations define: it
 * refuses what ClickHouse refuses (unknown columns, values the column type
 * cannot hold; the whole insert, as the server does), stores values as the
 * server returns them, and answers FINAL the way ReplacingMergeTree does.
 */
import { type TableDefinition, tableDefinitions } from '../schema/table-ddl.ts';
import { ColumnValueError, columnValue } from './column-values.ts';
import type { Row, RowWriter } from './contract.ts';
import { WriteError } from './errors.ts';

export interface MemoryWriter extends RowWriter {
  /** Every stored row of a table, in insert order. */
  rows(table: string): Row[];
  /** One row per sorting key with the highest version (the last inserted among equals), as `FINAL` reads. */
  final(table: string): Row[];
  /** false: inserts and pings fail as if the server were down, until set to true again. */
  setAvailable(available: boolean): void;
  /** Acknowledged inserts so far. */
  readonly insertCount: number;
}

function storedRow(table: TableDefinition, row: Row, index: number): Row {
  const known = new Set(table.columns.map((c) => c.name));
  for (const key of Object.keys(row)) {
    if (!known.has(key)) {
      throw new WriteError(
        `Code: 117. Unknown field found while parsing JSONEachRow format: ${key} (at row ${index + 1})`,
        'refused',
        117,
      );
    }
  }
  const stored: Record<string, unknown> = {};
  for (const column of table.columns) {
    try {
      stored[column.name] = columnValue(column.type, row[column.name]);
    } catch (error) {
      if (!(error instanceof ColumnValueError)) throw error;
      throw new WriteError(
        `Code: ${error.code}. ${error.message} (while reading the value of key ${column.name}) (at row ${index + 1})`,
        'refused',
        error.code,
      );
    }
  }
  return stored;
}

export function createMemoryWriter(
  tables: ReadonlyMap<string, TableDefinition> = tableDefinitions(),
): MemoryWriter {
  const data = new Map<string, Row[]>();
  let available = true;
  let closed = false;
  let insertCount = 0;

  const definition = (table: string): TableDefinition => {
    const found = tables.get(table);
    if (!found) throw new WriteError(`Code: 60. Table ${table} doesn't exist.`, 'fatal', 60);
    return found;
  };

  return {
    async insert(table, rows) {
      if (closed) throw new WriteError('writer is closed', 'fatal');
      if (!available) throw new WriteError('connect ECONNREFUSED (in-memory writer is down)', 'unavailable');
      const target = definition(table);
      const stored = rows.map((row, i) => storedRow(target, row, i));
      data.set(table, [...(data.get(table) ?? []), ...stored]);
      insertCount++;
    },
    async ping() {
      return available && !closed;
    },
    async close() {
      closed = true;
    },
    rows(table) {
      definition(table);
      return [...(data.get(table) ?? [])];
    },
    final(table) {
      const { orderBy, versionColumn } = definition(table);
      const latest = new Map<string, Row>();
      for (const row of data.get(table) ?? []) {
        const key = JSON.stringify(orderBy.map((column) => row[column]));
        const held = latest.get(key);
        if (held === undefined || BigInt(String(row[versionColumn])) >= BigInt(String(held[versionColumn]))) {
          latest.set(key, row);
        }
      }
      return [...latest.values()];
    },
    setAvailable(value) {
      available = value;
    },
    get insertCount() {
      return insertCount;
    },
  };
}
