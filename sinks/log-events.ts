/** One log line per sink state change, for the CLIs. */
import type { SinkEventEmitter } from './events.ts';

export function logSinkEvents(events: SinkEventEmitter, log: (line: string) => void): void {
  events.onEvent('started', (e) => log(`consuming ${e.topics.length} topics as group ${e.groupId}`));
  events.onEvent('flush', (e) => {
    const rows = Object.entries(e.rows)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ');
    log(`stored ${e.records} records (${rows || 'no rows'}) in ${e.durationMs} ms [${e.reason}]`);
  });
  events.onEvent('clickhouse.unavailable', (e) =>
    log(`ClickHouse unavailable, retrying with backoff: ${e.error}`),
  );
  events.onEvent('clickhouse.available', (e) => log(`ClickHouse available again after ${e.downMs} ms`));
  events.onEvent('paused', (e) => log(`buffer full (${e.bufferedRecords} records): consumption paused`));
  events.onEvent('resumed', (e) => log(`consumption resumed after ${e.pausedMs} ms`));
  events.onEvent('row.refused', (e) =>
    log(`ClickHouse refused ${e.topic}/${e.partition}@${e.offset} for ${e.table}: ${e.message}`),
  );
  events.onEvent('dead-letter', (e) =>
    log(`dead letter ${e.topic}/${e.partition}@${e.offset}: ${e.reasonCode} ${e.reason}`),
  );
  events.onEvent('row.dropped', (e) =>
    log(`DEAD LETTER NOT STORED ${e.topic}/${e.partition}@${e.offset}: ${e.reason}`),
  );
  events.onEvent('commit.failed', (e) =>
    log(`offset commit failed, retried with the next batch: ${e.error}`),
  );
  events.onEvent('crash', (e) => log(`stopped on a fatal error: ${e.error}`));
  events.onEvent('stopped', (e) => log(`stopped; ${e.uncommittedRecords} records left uncommitted`));
}
