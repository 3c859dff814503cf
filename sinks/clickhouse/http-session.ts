import type { SqlSession } from '../schema/sql-session.ts';
import { type ClickhouseTarget, clickhouseClient } from './client.ts';

/** A SqlSession on a ClickHouse server's HTTP interface. */
export function createHttpSession(target: ClickhouseTarget): SqlSession {
  const client = clickhouseClient(target);
  return {
    database: target.database,
    async command(statement) {
      await client.command({ query: statement });
    },
    async query<Row>(statement: string): Promise<Row[]> {
      const result = await client.query({
        query: statement,
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
      });
      return result.json<Row>();
    },
    close: () => client.close(),
  };
}
