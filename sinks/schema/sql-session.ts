/**
 * What migrations and read queries need of a ClickHouse: run a statement, run
 * a query and get its rows. 64-bit integers come back as strings (as
 * ClickHouse 18.16 writes them in JSON), whichever engine answers.
 */
export interface SqlSession {
  /** The database statements run in; unqualified names resolve there. */
  readonly database: string;
  command(statement: string): Promise<void>;
  query<Row = Record<string, unknown>>(statement: string): Promise<Row[]>;
  close(): Promise<void>;
}
