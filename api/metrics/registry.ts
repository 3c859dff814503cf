/**
 * The project's Prometheus metrics, in one prom-client registry that the
 * processors, the sink and the API register into; `GET /metrics` serves it.
 * Names follow Prometheus conventions: base units, `_total` for counters.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { SinkEventEmitter } from '../../sinks/events.ts';
import type { RuntimeEventEmitter } from '../../streams/runtime/events.ts';
import type { ConsumerLagSource } from './consumer-lag.ts';
import { WindowedRate } from './windowed-rate.ts';

/** The window of the records-per-second gauges. */
export const RATE_WINDOW_MS = 60_000;
/** Longest a scrape waits for Kafka's offsets before serving the rest without them. */
export const LAG_TIMEOUT_MS = 3_000;

export interface MetricsRegistry {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly wsClients: Gauge;
  readonly wsMessages: Counter;
  readonly wsDropped: Counter<'reason'>;
  /** A stream processor: records in and out, commit latency and dead letters, from its runtime events. */
  registerProcessor(processor: {
    readonly applicationId: string;
    readonly events: RuntimeEventEmitter;
  }): void;
  /** The ClickHouse sink: records stored, rows per table, dead letters; buffer fill when the sink can tell it. */
  registerSink(sink: {
    readonly name: string;
    readonly events: SinkEventEmitter;
    /** Held records over the buffer's capacity, 0 to 1. */
    readonly bufferFill?: () => number;
  }): void;
  /** Consumer lag of the deployment's groups, read from Kafka at each scrape. */
  registerConsumerLag(source: ConsumerLagSource): void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createMetricsRegistry(options: { clock?: () => number; defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  const clock = options.clock ?? Date.now;
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const records = new Counter({
    name: 'amc_processor_records_total',
    help: 'Records a processor or the sink has consumed (direction="in") and produced (direction="out")',
    labelNames: ['processor', 'direction'] as const,
    registers,
  });
  const rates = new Map<string, WindowedRate>();
  const rateOf = (processor: string) => {
    let rate = rates.get(processor);
    if (!rate) {
      rate = new WindowedRate(RATE_WINDOW_MS, clock);
      rates.set(processor, rate);
    }
    return rate;
  };
  new Gauge({
    name: 'amc_processor_records_per_second',
    help: `Records consumed per second by a processor or the sink, over the last ${RATE_WINDOW_MS / 1000} s`,
    labelNames: ['processor'] as const,
    registers,
    collect() {
      for (const [processor, rate] of rates) this.set({ processor }, rate.perSecond());
    },
  });
  const commitDuration = new Histogram({
    name: 'amc_processor_commit_duration_seconds',
    help: 'Duration of a processor transaction commit (outputs, state and offsets)',
    labelNames: ['processor'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const deadLetters = new Counter({
    name: 'amc_dead_letters_total',
    help: 'Records sent to the dead-letter topic, by processor (or sink) and reason code',
    labelNames: ['processor', 'reason'] as const,
    registers,
  });
  const rowsInserted = new Counter({
    name: 'amc_sink_rows_inserted_total',
    help: 'Rows the sink inserted into ClickHouse, by table',
    labelNames: ['sink', 'table'] as const,
    registers,
  });
  const bufferFills = new Map<string, () => number>();
  new Gauge({
    name: 'amc_sink_buffer_fill_ratio',
    help: 'Records the sink holds (buffered and being inserted) over its buffer capacity; consumption pauses at 1',
    labelNames: ['sink'] as const,
    registers,
    collect() {
      for (const [sink, fill] of bufferFills) this.set({ sink }, fill());
    },
  });
  const lagSources: ConsumerLagSource[] = [];
  const lagErrors = new Counter({
    name: 'amc_consumer_lag_scrape_errors_total',
    help: 'Scrapes that could not read consumer offsets from Kafka (the lag gauges then keep no stale values)',
    registers,
  });
  const committedOffset = new Gauge({
    name: 'amc_consumer_committed_offset',
    help: 'Committed offset of a consumer group per partition; its rate() is the records/s the group commits',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers,
  });
  new Gauge({
    name: 'amc_consumer_lag_records',
    help: 'Records between a consumer group’s committed offset and the partition’s high watermark',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers,
    async collect() {
      this.reset();
      committedOffset.reset();
      for (const source of lagSources) {
        try {
          for (const lag of await withTimeout(source.lags(), LAG_TIMEOUT_MS)) {
            const labels = { group: lag.group, topic: lag.topic, partition: String(lag.partition) };
            this.set(labels, lag.lag);
            committedOffset.set(labels, lag.committedOffset);
          }
        } catch {
          lagErrors.inc();
        }
      }
    },
  });

  const metrics: MetricsRegistry = {
    registry,
    httpDuration: new Histogram({
      name: 'amc_api_request_duration_seconds',
      help: 'HTTP API latency from request to response, by route pattern and status',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    }),
    wsClients: new Gauge({
      name: 'amc_ws_alert_clients',
      help: 'Clients connected to the alert WebSocket',
      registers,
    }),
    wsMessages: new Counter({
      name: 'amc_ws_alert_messages_total',
      help: 'Alert messages sent to WebSocket clients (one per client and alert)',
      registers,
    }),
    wsDropped: new Counter({
      name: 'amc_ws_alert_clients_dropped_total',
      help: 'WebSocket clients the server disconnected, by reason (slow: more unsent bytes than the limit when an alert was due)',
      labelNames: ['reason'] as const,
      registers,
    }),
    registerProcessor({ applicationId: processor, events }) {
      events.onEvent('commit', (e) => {
        records.inc({ processor, direction: 'in' }, e.records);
        records.inc({ processor, direction: 'out' }, e.outputs);
        rateOf(processor).add(e.records);
        commitDuration.observe({ processor }, e.latencyMs / 1000);
      });
      events.onEvent('dead-letter', (e) => deadLetters.inc({ processor, reason: e.code }));
    },
    registerSink({ name: sink, events, bufferFill }) {
      events.onEvent('flush', (e) => {
        records.inc({ processor: sink, direction: 'in' }, e.records);
        rateOf(sink).add(e.records);
        for (const [table, rows] of Object.entries(e.rows)) rowsInserted.inc({ sink, table }, rows);
      });
      events.onEvent('dead-letter', (e) => deadLetters.inc({ processor: sink, reason: e.reasonCode }));
      if (bufferFill) bufferFills.set(sink, bufferFill);
    },
    registerConsumerLag(source) {
      lagSources.push(source);
    },
  };
  return metrics;
}
