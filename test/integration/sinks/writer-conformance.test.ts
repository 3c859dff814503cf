import { createServer } from 'node:net';
import { tableDefinitions } from '../../../sinks/schema/table-ddl.ts';
import { identifier, join, sql } from '../../../sinks/sql/literals.ts';
import { createClickhouseWriter } from '../../../sinks/writer/clickhouse-writer.ts';
import { createTestDatabase } from '../../support/clickhouse.ts';
import { writerConformance } from '../../support/writer-conformance.ts';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

writerConformance('ClickHouse', async () => {
  const db = await createTestDatabase('conformance');
  const writer = createClickhouseWriter(db.target);
  const tables = tableDefinitions();
  const port = await closedPort();
  return {
    writer,
    async final(table) {
      const order = join(tables.get(table)!.orderBy.map(identifier));
      return db.session.query(sql`SELECT * FROM ${identifier(table)} FINAL ORDER BY ${order}`.text);
    },
    unreachable: () =>
      createClickhouseWriter({ url: `http://127.0.0.1:${port}`, database: db.target.database, requestTimeoutMs: 2000 }),
    async cleanup() {
      await writer.close();
      await db.drop();
    },
  };
});
