/**
 * What the sink needs of ClickHouse: insert rows into a table, tell whether
 * the server answers, let go of it. One adapter speaks @clickhouse/client
 * (`clickhouse-writer.ts`), one keeps rows in memory for tests
 * (`memory-writer.ts`); the same conformance suite runs on both.
 */

/** One row as JSONEachRow sends it: column name to JSON value. */
export type Row = Readonly<Record<string, unknown>>;

export interface RowWriter {
  /**
   * Inserts the rows as one JSONEachRow insert. Resolves once the server has
   * acknowledged them; rejects with a WriteError saying whether a retry can
   * help (`unavailable`), the data was refused (`refused`), or nothing will
   * work until someone acts (`fatal`).
   */
  insert(table: string, rows: readonly Row[]): Promise<void>;
  /** True when the server answers. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
