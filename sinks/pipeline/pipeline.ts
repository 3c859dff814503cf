/**
 * The sink's core, apart from Kafka: records in, rows buffered by table,
 * inserted in batches by size and age, offsets handed to `commit` only after
 * every row of the batch was acknowledged (or refused and dead-lettered).
 * One batch is inserted at a time while the next one fills; when the records
 * held reach the bound, `accept` waits (consumption pauses) until a batch is
 * stored. ClickHouse being down means retries with backoff, never lost rows.
 */
import type { DeadLetter } from '../../schemas/types.generated.ts';
import { classifyError } from '../../streams/runtime/errors.ts';
import { rejection } from '../../streams/serde/index.ts';
import type { DeadLetterOutlet } from '../dead-letter-outlet.ts';
import type { SinkEventEmitter, SourcePosition } from '../events.ts';
import type { RowWriter } from '../writer/contract.ts';
import { WriteError } from '../writer/errors.ts';
import type { BackoffConfig } from './backoff.ts';
import { type Batch, BatchBuffer } from './batch-buffer.ts';
import { type FlushPolicy, flushReason, hasRoom, untilDue } from './flush-policy.ts';
import { CommitLedger } from './offset-tracker.ts';
import { type RecordDecoder, SINK_PROCESSOR, sinkDeadLetter } from './record-decoder.ts';
import { createRetrier, type Retrier, StopRequested } from './retry.ts';
import type { SourceRecord } from './source-record.ts';
import { insertFindingRefused, type RefusedRow, writerAttempt } from './table-insert.ts';
import { Wakeup } from './wakeup.ts';

export interface SinkPipelineOptions {
  readonly writer: RowWriter;
  readonly decode: RecordDecoder;
  readonly deadLetters: DeadLetterOutlet;
  readonly commit: (positions: readonly SourcePosition[]) => Promise<void>;
  readonly policy: FlushPolicy;
  readonly backoff: BackoffConfig;
  readonly events: SinkEventEmitter;
  /** Rows of this topic that cannot be stored are reported, not dead-lettered again (that would loop). */
  readonly deadLetterTopic: string;
  readonly clock?: () => number;
  readonly random?: () => number;
}

export interface AcceptHooks {
  /** Keeps the consumer's group membership alive while waiting for room. */
  readonly heartbeat?: () => Promise<void>;
  /** False once the consumer stops or the records are stale: stop taking them. */
  readonly isRunning?: () => boolean;
}

const positionOf = (s: SourceRecord): SourcePosition => ({
  topic: s.topic,
  partition: s.partition,
  offset: s.offset,
});
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SinkPipeline {
  private buffer = new BatchBuffer();
  private inFlight = 0;
  private readonly ledger = new CommitLedger();
  private assigned: (topic: string, partition: number) => boolean = () => true;
  private readonly flushDue = new Wakeup();
  private readonly roomFreed = new Wakeup();
  private readonly stopSignal = new Wakeup();
  private readonly clock: () => number;
  private readonly retrier: Retrier;
  private stopping = false;
  private crashed: Error | undefined;
  private pausedAt: number | undefined;
  private downSince: number | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: SinkPipelineOptions) {
    this.clock = options.clock ?? Date.now;
    this.retrier = createRetrier({
      backoff: options.backoff,
      events: options.events,
      isStopping: () => this.stopping,
      stopSignal: this.stopSignal,
      ...(options.random ? { random: options.random } : {}),
    });
  }

  /** Starts inserting; the returned promise settles when the pipeline stops (rejects on a fatal error). */
  start(): Promise<void> {
    this.loop ??= this.run();
    return this.loop;
  }

  /** Records held: waiting in the buffer plus being inserted. */
  get heldRecords(): number {
    return this.buffer.heldRecords + this.inFlight;
  }

  /** Records held over the most it may hold, 0 to 1: at 1 `accept` waits. */
  get bufferFill(): number {
    return this.heldRecords / this.options.policy.maxBufferedRecords;
  }

  /** Takes records in order; returns how many it took (fewer only when stopping or no longer running). */
  async accept(records: readonly SourceRecord[], hooks: AcceptHooks = {}): Promise<number> {
    const running = () => !this.stopping && (hooks.isRunning?.() ?? true);
    let accepted = 0;
    for (const record of records) {
      if (!(await this.waitForRoom(hooks, running))) break;
      const decoded = await this.options.decode(record);
      const now = this.clock();
      if (decoded.ok) this.buffer.add(record, decoded.rows, decoded.failedAt, now);
      else this.buffer.addDeadLetter(record, decoded.letter, now);
      accepted++;
      if (this.buffer.heldRows >= this.options.policy.batchRows) this.flushDue.notify();
    }
    this.flushDue.notify();
    return accepted;
  }

  /** Offsets read without records to store (transaction markers, aborted records): committed with the next batch. */
  noteConsumed(topic: string, partition: number, nextOffset: string): void {
    this.buffer.noteOffset(topic, partition, nextOffset, this.clock());
    this.flushDue.notify();
  }

  /** After a rebalance: partitions this instance no longer owns are left to their new owner. */
  retainPartitions(assigned: (topic: string, partition: number) => boolean): void {
    this.assigned = assigned;
    this.ledger.retain(assigned);
  }

  /** Inserts and commits what is held (one attempt if ClickHouse is down), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal.notify();
    this.flushDue.notify();
    this.roomFreed.notify();
    await this.loop?.catch(() => undefined);
  }

  private async waitForRoom(hooks: AcceptHooks, running: () => boolean): Promise<boolean> {
    while (!hasRoom(this.heldRecords, this.options.policy)) {
      if (this.crashed) throw this.crashed;
      if (!running()) return false;
      if (this.pausedAt === undefined) {
        this.pausedAt = this.clock();
        this.options.events.emitEvent('paused', { bufferedRecords: this.heldRecords });
      }
      await this.roomFreed.wait(250);
      await hooks.heartbeat?.();
    }
    if (this.crashed) throw this.crashed;
    if (this.pausedAt !== undefined) {
      this.options.events.emitEvent('resumed', { pausedMs: this.clock() - this.pausedAt });
      this.pausedAt = undefined;
    }
    return running();
  }

  private async run(): Promise<void> {
    let abandoned = 0;
    try {
      for (;;) {
        const state = this.buffer.state();
        const reason = this.stopping
          ? state.openedAt !== undefined
            ? 'stop'
            : undefined
          : flushReason(state, this.clock(), this.options.policy);
        if (reason === undefined) {
          if (this.stopping) break;
          await this.flushDue.wait(untilDue(state, this.clock(), this.options.policy) ?? 1000);
          continue;
        }
        const batch = this.buffer.take();
        this.inFlight = batch.records;
        try {
          await this.flush(batch, reason);
        } catch (error) {
          if (!(error instanceof StopRequested)) throw error;
          // Stopping while ClickHouse is away: the batch stays uncommitted and is read again next time.
          abandoned = batch.records;
          break;
        } finally {
          this.inFlight = 0;
          this.roomFreed.notify();
        }
      }
      this.options.events.emitEvent('stopped', { uncommittedRecords: abandoned + this.buffer.heldRecords });
    } catch (error) {
      this.crashed = error instanceof Error ? error : new Error(String(error));
      this.roomFreed.notify();
      this.options.events.emitEvent('crash', { error: messageOf(error) });
      throw this.crashed;
    }
  }

  private async flush(batch: Batch, reason: string): Promise<void> {
    const started = this.clock();
    const attempt = writerAttempt(this.options.writer);
    const insert = (table: string, rows: Parameters<typeof attempt>[1]) =>
      this.retrier.run(`insert into ${table}`, () => attempt(table, rows), isUnavailable, {
        onFailure: (error) => this.clickhouseDown(error),
        onRecovery: () => this.clickhouseUp(),
      });
    const refusedByTable = await Promise.all(
      [...batch.tables].map(([table, rows]) => insertFindingRefused(table, rows, insert)),
    );
    const letters = [...batch.deadLetters, ...this.lettersForRefused(refusedByTable.flat())];
    if (letters.length > 0) {
      await this.retrier.run(
        'send dead letters',
        () => this.options.deadLetters.send(letters),
        isRetriableKafka,
      );
      for (const letter of letters) {
        this.options.events.emitEvent('dead-letter', {
          topic: letter.source_topic,
          partition: letter.source_partition,
          offset: String(letter.source_offset),
          reasonCode: letter.reason_code,
          reason: letter.reason,
        });
      }
    }
    await this.commit(batch);
    const rows: Record<string, number> = {};
    for (const [table, pending] of batch.tables) rows[table] = pending.length;
    this.options.events.emitEvent('flush', {
      reason,
      records: batch.records,
      rows,
      deadLetters: letters.length,
      durationMs: this.clock() - started,
    });
  }

  /** One dead letter per record with a refused row (a run's rows go to two tables), with the server's words. */
  private lettersForRefused(refused: readonly RefusedRow[]): DeadLetter[] {
    const byRecord = new Map<string, RefusedRow[]>();
    for (const item of refused) {
      this.options.events.emitEvent('row.refused', {
        ...positionOf(item.pending.source),
        table: item.table,
        message: item.message,
      });
      const key = `${item.pending.source.topic}:${item.pending.source.partition}:${item.pending.source.offset}`;
      byRecord.set(key, [...(byRecord.get(key) ?? []), item]);
    }
    const letters: DeadLetter[] = [];
    for (const items of byRecord.values()) {
      const { source, failedAt } = items[0]!.pending;
      const reason = items.map((i) => `ClickHouse refused the row for ${i.table}: ${i.message}`).join('; ');
      if (source.topic === this.options.deadLetterTopic) {
        this.options.events.emitEvent('row.dropped', { ...positionOf(source), reason });
        continue;
      }
      letters.push(sinkDeadLetter(source, rejection('PROCESSING_FAILED', reason), failedAt, SINK_PROCESSOR));
    }
    return letters;
  }

  private async commit(batch: Batch): Promise<void> {
    // A partition that moved to another instance is committed by its new owner, which re-reads (and
    // harmlessly re-inserts) from its last commit; committing it from here could move it backwards.
    const positions = this.ledger
      .ahead(batch.offsets.positions())
      .filter((p) => this.assigned(p.topic, p.partition));
    if (positions.length === 0) return;
    try {
      await this.options.commit(positions);
      this.ledger.record(positions);
      this.options.events.emitEvent('commit', { offsets: positions });
    } catch (error) {
      // Lost group membership (a rebalance) or Kafka away: the rows are stored; commit them with the next batch.
      this.options.events.emitEvent('commit.failed', { offsets: positions, error: messageOf(error) });
      const now = this.clock();
      for (const p of positions) this.buffer.noteOffset(p.topic, p.partition, p.offset, now);
    }
  }

  private clickhouseDown(error: unknown): void {
    if (this.downSince !== undefined) return;
    this.downSince = this.clock();
    this.options.events.emitEvent('clickhouse.unavailable', { error: messageOf(error) });
  }

  private clickhouseUp(): void {
    if (this.downSince === undefined) return;
    this.options.events.emitEvent('clickhouse.available', { downMs: this.clock() - this.downSince });
    this.downSince = undefined;
  }
}

function isUnavailable(error: unknown): boolean {
  return error instanceof WriteError && error.failure === 'unavailable';
}

function isRetriableKafka(error: unknown): boolean {
  return classifyError(error) === 'retriable';
}
