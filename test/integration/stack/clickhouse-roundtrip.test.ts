import { createClient } from '@clickhouse/client';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEndpoints } from '../../../config/endpoints.ts';
import { uniqueTableName } from '../../support/names.ts';

describe('ClickHouse on the test services', () => {
  const client = createClient({ url: loadEndpoints().clickhouseUrl });
  const table = uniqueTableName('roundtrip');

  afterAll(async () => {
    await client.command({ query: `DROP TABLE IF EXISTS ${table}` });
    await client.close();
  });

  it('stores JSONEachRow rows and reads them back equal', async () => {
    await client.command({
      query: `CREATE TABLE ${table} (id UInt32, symbol String, price Float64, seen_at DateTime, version UInt64)
              ENGINE = ReplacingMergeTree(version) ORDER BY id`,
    });
    const rows = [
      { id: 1, symbol: 'AMC', price: 4.25, seen_at: '2026-01-05 14:30:00', version: '1' },
      { id: 2, symbol: "O'NEIL", price: 123.456789, seen_at: '2026-01-06 15:00:00', version: '3' },
    ];
    await client.insert({ table, values: rows, format: 'JSONEachRow' });
    const result = await client.query({
      query: `SELECT id, symbol, price, seen_at, version FROM ${table} FINAL ORDER BY id`,
      format: 'JSONEachRow',
    });
    // 64-bit integers come back quoted in JSON output, so `version` is a string on both sides.
    expect(await result.json()).toEqual(rows);
  });
});
