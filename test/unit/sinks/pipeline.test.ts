import { afterEach, describe, expect, it } from 'vitest';
import type { DeadLetter, RecommendationOutcome } from '../../../schemas/types.generated.ts';
import { SinkEventEmitter, type SinkEventName, type SourcePosition } from '../../../sinks/events.ts';
import type { SinkContract } from '../../../sinks/mapping/routes.ts';
import { SinkPipeline } from '../../../sinks/pipeline/pipeline.ts';
import { createRecordDecoder } from '../../../sinks/pipeline/record-decoder.ts';
import type { SourceRecord } from '../../../sinks/pipeline/source-record.ts';
import { TABLES } from '../../../sinks/schema/names.ts';
import { tableDefinitions } from '../../../sinks/schema/table-ddl.ts';
import type { RowWriter } from '../../../sinks/writer/contract.ts';
import { createMemoryWriter, type MemoryWriter } from '../../../sinks/writer/memory-writer.ts';
import { createMemoryRegistry } from '../../../streams/serde/registry-memory.ts';
import { createSerde } from '../../../streams/serde/serde.ts';
import { SAMPLE_CLOCK, SAMPLES } from '../../fixtures/avro/samples.ts';

const OUTCOMES = 'test.outcomes';
const DEAD_LETTERS = 'test.dead-letters';
const contracts = new Map<string, SinkContract>([
  [OUTCOMES, 'amc.learning.recommendation-outcomes.v1'],
  [DEAD_LETTERS, 'amc.learning.dead-letters.v1'],
]);
const serde = createSerde({ registry: createMemoryRegistry(), clock: () => SAMPLE_CLOCK });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function outcome(i: number, over: Partial<RecommendationOutcome> = {}): RecommendationOutcome {
  const base = SAMPLES['amc.learning.recommendation-outcomes.v1'];
  return { ...base, run_id: 'run-1', symbol: `S${i}`, tracking_id: `run-1:S${i}`, version: 1, ...over };
}

async function records(values: readonly RecommendationOutcome[], firstOffset = 0): Promise<SourceRecord[]> {
  return Promise.all(
    values.map(async (value, i) => ({
      topic: OUTCOMES,
      partition: 0,
      offset: String(firstOffset + i),
      timestamp: '0',
      key: Buffer.from(value.tracking_id),
      value: await serde.encode('amc.learning.recommendation-outcomes.v1', value),
    })),
  );
}

/** A pipeline over the in-memory writer; the log shows inserts and commits in the order they happened. */
function harness(
  options: {
    batchRows?: number;
    batchAgeMs?: number;
    maxBufferedRecords?: number;
    writer?: MemoryWriter;
  } = {},
) {
  const memory = options.writer ?? createMemoryWriter();
  const log: string[] = [];
  const writer: RowWriter = {
    async insert(table, rows) {
      await memory.insert(table, rows);
      log.push(`insert ${table} ${rows.map((r) => r.kafka_offset).join(',')}`);
    },
    ping: () => memory.ping(),
    close: () => memory.close(),
  };
  const letters: DeadLetter[] = [];
  const commits: SourcePosition[][] = [];
  let failCommits = 0;
  const events = new SinkEventEmitter();
  const seen: { name: SinkEventName; payload: unknown }[] = [];
  for (const name of [
    'paused',
    'resumed',
    'retry',
    'clickhouse.unavailable',
    'clickhouse.available',
    'row.refused',
    'row.dropped',
    'crash',
    'commit.failed',
  ] as const) {
    events.onEvent(name, (payload) => seen.push({ name, payload }));
  }
  const pipeline = new SinkPipeline({
    writer,
    decode: createRecordDecoder({ serde, contracts, clock: () => 12_345 }),
    deadLetters: {
      async send(batch) {
        letters.push(...batch);
      },
    },
    async commit(positions) {
      if (failCommits > 0) {
        failCommits--;
        throw new Error('The group is rebalancing');
      }
      commits.push([...positions]);
      log.push(`commit ${positions.map((p) => `${p.partition}@${p.offset}`).join(',')}`);
    },
    policy: {
      batchRows: options.batchRows ?? 10,
      batchAgeMs: options.batchAgeMs ?? 30,
      maxBufferedRecords: options.maxBufferedRecords ?? 1000,
    },
    backoff: { initialMs: 5, maxMs: 20 },
    events,
    deadLetterTopic: DEAD_LETTERS,
    random: () => 0,
  });
  const running = pipeline.start();
  running.catch(() => undefined);
  const committed = () => commits.flat().reduce((max, p) => Math.max(max, Number(p.offset)), 0);
  const until = async (condition: () => boolean, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await sleep(5);
    }
  };
  const count = (name: SinkEventName) => seen.filter((e) => e.name === name).length;
  return {
    memory,
    pipeline,
    running,
    log,
    letters,
    commits,
    committed,
    until,
    seen,
    count,
    events,
    failNextCommits: (n: number) => {
      failCommits = n;
    },
  };
}

const pipelines: SinkPipeline[] = [];
afterEach(async () => {
  for (const p of pipelines.splice(0)) await p.stop();
});

describe('the sink pipeline', () => {
  it('inserts full batches by size and commits each batch only after its rows were acknowledged', async () => {
    const h = harness({ batchRows: 10, batchAgeMs: 10_000 });
    pipelines.push(h.pipeline);
    await h.pipeline.accept(await records(Array.from({ length: 25 }, (_, i) => outcome(i))));
    await h.until(() => h.committed() >= 20);
    expect(h.memory.final(TABLES.recommendationTracking)).toHaveLength(20);
    // Every commit follows the insert of all records below it.
    const acked = new Set<number>();
    for (const entry of h.log) {
      if (entry.startsWith('insert')) for (const o of entry.split(' ')[2]!.split(',')) acked.add(Number(o));
      else
        for (let o = 0; o < Number(entry.split('@')[1]); o++)
          expect(acked.has(o), `${entry} before ${o}`).toBe(true);
    }
    await h.pipeline.stop();
    expect(h.committed()).toBe(25);
    expect(h.memory.final(TABLES.recommendationTracking)).toHaveLength(25);
  });

  it('inserts a partial batch once its oldest record is old enough', async () => {
    const h = harness({ batchRows: 1000, batchAgeMs: 40 });
    pipelines.push(h.pipeline);
    const started = Date.now();
    await h.pipeline.accept(await records([outcome(1), outcome(2), outcome(3)]));
    await h.until(() => h.committed() === 3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(h.memory.rows(TABLES.recommendationTracking)).toHaveLength(3);
  });

  it('commits offsets that carried no records (transaction markers) with the next batch', async () => {
    const h = harness({ batchAgeMs: 20 });
    pipelines.push(h.pipeline);
    h.pipeline.noteConsumed(OUTCOMES, 1, '17');
    await h.until(() => h.commits.length === 1);
    expect(h.commits[0]).toEqual([{ topic: OUTCOMES, partition: 1, offset: '17' }]);
  });

  it('keeps rows while ClickHouse is down, retrying with backoff, and commits nothing until they are stored', async () => {
    const h = harness({ batchRows: 5, batchAgeMs: 10 });
    pipelines.push(h.pipeline);
    h.memory.setAvailable(false);
    await h.pipeline.accept(await records(Array.from({ length: 8 }, (_, i) => outcome(i))));
    await h.until(() => h.count('retry') >= 3);
    expect(h.commits).toEqual([]);
    expect(h.count('clickhouse.unavailable')).toBe(1);
    h.memory.setAvailable(true);
    await h.until(() => h.committed() === 8);
    expect(h.count('clickhouse.available')).toBe(1);
    expect(h.memory.final(TABLES.recommendationTracking)).toHaveLength(8);
  });

  it('pauses taking records at the bound while ClickHouse is down, and resumes without loss', async () => {
    const h = harness({ batchRows: 10, batchAgeMs: 10, maxBufferedRecords: 30 });
    pipelines.push(h.pipeline);
    h.memory.setAvailable(false);
    let held = 0;
    const accepting = h.pipeline.accept(await records(Array.from({ length: 100 }, (_, i) => outcome(i))), {
      heartbeat: async () => {
        held = Math.max(held, h.pipeline.heldRecords);
      },
    });
    await h.until(() => h.count('paused') === 1);
    await sleep(50);
    expect(h.pipeline.heldRecords).toBe(30);
    expect(h.pipeline.bufferFill).toBe(1);
    h.memory.setAvailable(true);
    expect(await accepting).toBe(100);
    expect(held).toBeLessThanOrEqual(30);
    expect(h.count('resumed')).toBe(1);
    await h.until(() => h.committed() === 100);
    expect(h.memory.final(TABLES.recommendationTracking)).toHaveLength(100);
  });

  it('reports the records it holds over its bound as its buffer fill', async () => {
    const h = harness({ batchRows: 10, batchAgeMs: 10, maxBufferedRecords: 40 });
    pipelines.push(h.pipeline);
    h.memory.setAvailable(false);
    expect(h.pipeline.bufferFill).toBe(0);
    await h.pipeline.accept(await records(Array.from({ length: 12 }, (_, i) => outcome(i))));
    // 12 of 40 held, whether waiting in the buffer or in the insert ClickHouse keeps refusing.
    expect(h.pipeline.bufferFill).toBe(0.3);
    h.memory.setAvailable(true);
    await h.until(() => h.committed() === 12);
    // The insert's records are let go just after its commit.
    await h.until(() => h.pipeline.bufferFill === 0);
  });

  it('stops taking records when the consumer stops running', async () => {
    const h = harness({ maxBufferedRecords: 10 });
    pipelines.push(h.pipeline);
    h.memory.setAvailable(false);
    let running = true;
    const accepting = h.pipeline.accept(await records(Array.from({ length: 20 }, (_, i) => outcome(i))), {
      isRunning: () => running,
    });
    await h.until(() => h.count('paused') === 1);
    running = false;
    expect(await accepting).toBe(10);
  });

  it('dead-letters a row ClickHouse refuses, with the server message, and stores the rest of its batch', async () => {
    const h = harness({ batchRows: 5 });
    pipelines.push(h.pipeline);
    const bad = outcome(2);
    bad.checkpoints = bad.checkpoints.map((c, i) => (i === 0 ? { ...c, session_date: 'not-a-date' } : c));
    await h.pipeline.accept(await records([outcome(0), outcome(1), bad, outcome(3), outcome(4)]));
    await h.until(() => h.committed() === 5);
    expect(
      h.memory
        .final(TABLES.recommendationTracking)
        .map((r) => r.symbol)
        .sort(),
    ).toEqual(['S0', 'S1', 'S3', 'S4']);
    expect(h.letters).toHaveLength(1);
    expect(h.letters[0]).toMatchObject({
      source_topic: OUTCOMES,
      source_partition: 0,
      source_offset: 2,
      reason_code: 'PROCESSING_FAILED',
      processor: 'clickhouse-sink',
      failed_at: bad.as_of,
    });
    expect(h.letters[0]!.reason).toMatch(
      /ClickHouse refused the row for recommendation_tracking: .*session_1d/,
    );
    expect(h.letters[0]!.value).toEqual((await records([bad]))[0]!.value);
    expect(h.count('row.refused')).toBe(1);
  });

  it('dead-letters records it cannot decode, or cannot store, and commits past them', async () => {
    const h = harness({ batchAgeMs: 10 });
    pipelines.push(h.pipeline);
    // Its event time is plausible, but its discovery time lies before what a ClickHouse DateTime holds.
    const [good, farPast] = await records([outcome(1), outcome(2, { discovered_at: -5 })]);
    const garbage = { ...good!, offset: '2', value: Buffer.from([0, 0, 0]) };
    await h.pipeline.accept([good!, { ...farPast!, offset: '1' }, garbage]);
    await h.until(() => h.committed() === 3);
    expect(h.letters.map((l) => [l.source_offset, l.reason_code, l.processor])).toEqual([
      [1, 'PROCESSING_FAILED', 'clickhouse-sink'],
      [2, 'TRUNCATED', null],
    ]);
    expect(h.letters[0]!.reason).toContain('not storable in ClickHouse');
    expect(h.letters[0]!.failed_at).toBe(outcome(2).as_of);
  });

  it('reports, rather than dead-letters again, a dead letter ClickHouse cannot store (no loop)', async () => {
    const h = harness({ batchAgeMs: 10 });
    pipelines.push(h.pipeline);
    const letter = { ...SAMPLES['amc.learning.dead-letters.v1'], source_topic: 'x', source_partition: -1 };
    const value = await serde.encode('amc.learning.dead-letters.v1', letter);
    await h.pipeline.accept([
      { topic: DEAD_LETTERS, partition: 0, offset: '0', timestamp: '0', key: null, value },
    ]);
    await h.until(() => h.committed() === 1);
    expect(h.letters).toEqual([]);
    expect(h.count('row.dropped')).toBe(1);
  });

  it('commits a failed commit with the next batch', async () => {
    const h = harness({ batchRows: 2, batchAgeMs: 10 });
    pipelines.push(h.pipeline);
    h.failNextCommits(1);
    await h.pipeline.accept(await records([outcome(0), outcome(1)]));
    await h.until(() => h.count('commit.failed') === 1);
    await h.until(() => h.committed() === 2);
  });

  it('stops on a fatal error without committing, and refuses more records', async () => {
    const tables = tableDefinitions();
    tables.delete(TABLES.recommendationTracking);
    const h = harness({ batchRows: 2, writer: createMemoryWriter(tables) });
    await h.pipeline.accept(await records([outcome(0), outcome(1)]));
    await expect(h.running).rejects.toMatchObject({ failure: 'fatal' });
    expect(h.commits).toEqual([]);
    expect(h.count('crash')).toBe(1);
    await expect(h.pipeline.accept(await records([outcome(2)]))).rejects.toMatchObject({ failure: 'fatal' });
  });

  it('on stop, stores and commits what it holds; with ClickHouse down it gives up after one try, uncommitted', async () => {
    const up = harness({ batchRows: 1000, batchAgeMs: 60_000 });
    await up.pipeline.accept(await records([outcome(0)]));
    await up.pipeline.stop();
    expect(up.committed()).toBe(1);

    const down = harness({ batchRows: 1000, batchAgeMs: 60_000 });
    down.memory.setAvailable(false);
    let stopped: unknown;
    down.events.onEvent('stopped', (e) => {
      stopped = e;
    });
    await down.pipeline.accept(await records([outcome(0)]));
    await down.pipeline.stop();
    expect(down.commits).toEqual([]);
    expect(stopped).toEqual({ uncommittedRecords: 1 });
  });
});

describe('the sink pipeline after a rebalance', () => {
  it('commits only the partitions it still owns', async () => {
    const h = harness({ batchAgeMs: 10 });
    pipelines.push(h.pipeline);
    h.pipeline.retainPartitions((_, partition) => partition === 1);
    const [a, b] = await records([outcome(0), outcome(1)]);
    await h.pipeline.accept([a!, { ...b!, partition: 1 }]);
    await h.until(() => h.commits.length === 1);
    expect(h.commits[0]).toEqual([{ topic: OUTCOMES, partition: 1, offset: '2' }]);
    expect(h.memory.final(TABLES.recommendationTracking)).toHaveLength(2);
  });
});
