import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../../../api/metrics/registry.ts';
import { SinkEventEmitter } from '../../../sinks/events.ts';
import { RuntimeEventEmitter } from '../../../streams/runtime/events.ts';

const position = { topic: 'amc.learning.recommendation-outcomes.v1', partition: 0, offset: '7' };

function flush(records: number, rows: Record<string, number>) {
  return { reason: 'size', records, rows, deadLetters: 0, durationMs: 12 };
}

/** A registry on a clock the test moves, with one sink and one processor fed by hand. */
function fedRegistry() {
  let now = 1_000;
  const metrics = createMetricsRegistry({ clock: () => now, defaultMetrics: false });
  const sink = new SinkEventEmitter();
  const processor = new RuntimeEventEmitter();
  let held = 0;
  metrics.registerSink({ name: 'clickhouse-sink', events: sink, bufferFill: () => held / 200 });
  metrics.registerProcessor({ applicationId: 'amc-tracker', events: processor });
  return {
    sink,
    processor,
    /** The exposition's lines, so a value is matched whole (1 does not match 12). */
    text: async () => (await metrics.registry.metrics()).split('\n'),
    at: (ms: number) => {
      now = ms;
    },
    hold: (records: number) => {
      held = records;
    },
  };
}

describe('the metrics registry fed by the sink and a processor', () => {
  it('counts the records the sink stored and their rows per table', async () => {
    const m = fedRegistry();
    m.sink.emitEvent('flush', flush(30, { recommendation_tracking: 20, discovery_runs: 10 }));
    m.sink.emitEvent('flush', flush(5, { recommendation_tracking: 5 }));
    const text = await m.text();
    expect(text).toContain('amc_processor_records_total{processor="clickhouse-sink",direction="in"} 35');
    expect(text).toContain(
      'amc_sink_rows_inserted_total{sink="clickhouse-sink",table="recommendation_tracking"} 25',
    );
    expect(text).toContain('amc_sink_rows_inserted_total{sink="clickhouse-sink",table="discovery_runs"} 10');
  });

  it('gives records per second over the last minute, forgetting older flushes', async () => {
    const m = fedRegistry();
    m.sink.emitEvent('flush', flush(30, {}));
    m.at(11_000);
    m.sink.emitEvent('flush', flush(20, {}));
    // 50 records in the 10 s since the first flush.
    expect(await m.text()).toContain('amc_processor_records_per_second{processor="clickhouse-sink"} 5');
    m.at(61_000);
    // The first flush left the 60 s window: 20 records over 60 s.
    expect(await m.text()).toContain(
      `amc_processor_records_per_second{processor="clickhouse-sink"} ${20 / 60}`,
    );
  });

  it('counts dead letters by who sent them and their reason code', async () => {
    const m = fedRegistry();
    for (const reasonCode of ['CORRUPT_BODY', 'CORRUPT_BODY', 'UNKNOWN_SCHEMA_ID'])
      m.sink.emitEvent('dead-letter', { ...position, reasonCode, reason: 'bad bytes' });
    m.processor.emitEvent('dead-letter', { ...position, code: 'NON_POSITIVE_PRICE', reason: 'price 0' });
    const text = await m.text();
    expect(text).toContain('amc_dead_letters_total{processor="clickhouse-sink",reason="CORRUPT_BODY"} 2');
    expect(text).toContain(
      'amc_dead_letters_total{processor="clickhouse-sink",reason="UNKNOWN_SCHEMA_ID"} 1',
    );
    expect(text).toContain('amc_dead_letters_total{processor="amc-tracker",reason="NON_POSITIVE_PRICE"} 1');
  });

  it('reads the sink’s buffer fill at each scrape', async () => {
    const m = fedRegistry();
    m.hold(50);
    expect(await m.text()).toContain('amc_sink_buffer_fill_ratio{sink="clickhouse-sink"} 0.25');
    m.hold(200);
    expect(await m.text()).toContain('amc_sink_buffer_fill_ratio{sink="clickhouse-sink"} 1');
  });

  it('counts a processor’s records in and out from its commits, with their latency', async () => {
    const m = fedRegistry();
    const commit = { topic: 'bars', partition: 1, nextOffset: '9', writes: 4 };
    m.processor.emitEvent('commit', { ...commit, records: 8, outputs: 3, latencyMs: 20 });
    m.processor.emitEvent('commit', { ...commit, records: 2, outputs: 1, latencyMs: 300 });
    const text = await m.text();
    expect(text).toContain('amc_processor_records_total{processor="amc-tracker",direction="in"} 10');
    expect(text).toContain('amc_processor_records_total{processor="amc-tracker",direction="out"} 4');
    expect(text).toContain(
      'amc_processor_commit_duration_seconds_bucket{le="0.025",processor="amc-tracker"} 1',
    );
    expect(text).toContain('amc_processor_commit_duration_seconds_count{processor="amc-tracker"} 2');
  });
});
