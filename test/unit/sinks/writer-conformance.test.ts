import { tableDefinitions } from '../../../sinks/schema/table-ddl.ts';
import { createMemoryWriter } from '../../../sinks/writer/memory-writer.ts';
import { writerConformance } from '../../support/writer-conformance.ts';

writerConformance('in-memory writer', async () => {
  const tables = tableDefinitions();
  const writer = createMemoryWriter(tables);
  return {
    writer,
    async final(table) {
      const { orderBy } = tables.get(table)!;
      const key = (row: Record<string, unknown>) => JSON.stringify(orderBy.map((c) => row[c]));
      return writer.final(table).sort((a, b) => key(a).localeCompare(key(b)));
    },
    unreachable() {
      const down = createMemoryWriter(tables);
      down.setAvailable(false);
      return down;
    },
    cleanup: () => writer.close(),
  };
});
