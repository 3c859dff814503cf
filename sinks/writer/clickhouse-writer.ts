import { type ClickhouseTarget, clickhouseClient } from '../clickhouse/client.ts';
import type { RowWriter } from './contract.ts';
import { toWriteError } from './errors.ts';

/** The sink's writer on a ClickHouse server: one JSONEachRow insert per call. */
export function createClickhouseWriter(target: ClickhouseTarget): RowWriter {
  const client = clickhouseClient(target);
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      try {
        await client.insert({ table, values: rows as Record<string, unknown>[], format: 'JSONEachRow' });
      } catch (error) {
        throw toWriteError(error);
      }
    },
    async ping() {
      try {
        return (await client.ping()).success;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}
