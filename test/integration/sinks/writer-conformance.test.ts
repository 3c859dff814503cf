import { tableDefinitions } from '../../../sinks/schema/table-ddl.ts';
import { identifier, join, sql } from '../../../sinks/sql/literals.ts';
import { createClickhouseWriter } from '../../../sinks/writer/clickhouse-writer.ts';
import { createTestDatabase } from '../../support/clickhouse.ts';
import { freePort } from '../../support/ports.ts';
import { writerConformance } from '../../support/writer-conformance.ts';

writerConformance('ClickHouse', async () => {
  const db = await createTestDatabase('conformance');
  const writer = createClickhouseWriter(db.target);
  const tables = tableDefinitions();
  const port = await freePort();
  return {
    writer,
    async final(table) {
      const order = join(tables.get(table)!.orderBy.map(identifier));
      return db.session.query(sql`SELECT * FROM ${identifier(table)} FINAL ORDER BY ${order}`.text);
    },
    unreachable: () =>
      createClickhouseWriter({
        url: `http://127.0.0.1:${port}`,
        database: db.target.database,
        requestTimeoutMs: 2000,
      }),
    async cleanup() {
      await writer.close();
      await db.drop();
    },
  };
});
