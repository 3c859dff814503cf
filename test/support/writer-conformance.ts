/**
 * One suite for every RowWriter: the in-memory fake and ClickHouse itself
 * must agree on what is stored, what is refused and what a failure means.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../sinks/mapping/routes.ts';
import { TABLES } from '../../sinks/schema/names.ts';
import type { Row, RowWriter } from '../../sinks/writer/contract.ts';
import { WriteError } from '../../sinks/writer/errors.ts';
import { SAMPLES } from '../fixtures/avro/samples.ts';

export interface WriterUnderTest {
  readonly writer: RowWriter;
  /** The table's rows as `SELECT * ... FINAL` returns them, in sorting-key order. */
  final(table: string): Promise<Row[]>;
  /** A writer of the same kind whose server cannot be reached. */
  unreachable(): RowWriter;
  cleanup(): Promise<void>;
}

const ack = (over: Partial<Record<string, unknown>> = {}): Row => ({
  alert_id: 'alert-1',
  dedup_key: 'missed:run-1:AMC',
  acknowledged_by: 'ops@amc',
  acknowledged_at: '2025-04-26 08:00:00',
  acknowledged_at_ms: 1_745_654_400_000,
  note: null,
  version: 5,
  kafka_partition: 0,
  kafka_offset: '5',
  ...over,
});

const outcomeRow = (over: Partial<Record<string, unknown>> = {}): Row => ({
  ...rowsOf('amc.learning.recommendation-outcomes.v1', SAMPLES['amc.learning.recommendation-outcomes.v1'], {
    partition: 0,
    offset: '9',
  })[0]!.row,
  ...over,
});

async function expectWriteError(promise: Promise<unknown>): Promise<WriteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WriteError);
  return error as WriteError;
}

export function writerConformance(name: string, setup: () => Promise<WriterUnderTest>): void {
  describe(`RowWriter conformance: ${name}`, () => {
    let subject: WriterUnderTest;
    beforeAll(async () => {
      subject = await setup();
    });
    afterAll(async () => {
      await subject.cleanup();
    });

    it('answers a ping', async () => {
      expect(await subject.writer.ping()).toBe(true);
    });

    it('stores acknowledged rows and returns them as ClickHouse renders them (64-bit integers quoted)', async () => {
      await subject.writer.insert(TABLES.alertAcks, [ack(), ack({ alert_id: 'alert-2', note: "it's fine" })]);
      expect(await subject.final(TABLES.alertAcks)).toEqual([
        { ...ack(), acknowledged_at_ms: '1745654400000', version: '5' },
        {
          ...ack({ alert_id: 'alert-2', note: "it's fine" }),
          acknowledged_at_ms: '1745654400000',
          version: '5',
        },
      ]);
    });

    it('stores a row of every sunk contract', async () => {
      for (const [contract, sample] of Object.entries(SAMPLES)) {
        if (!contract.startsWith('amc.learning.') && contract !== 'amc.discovery.runs.v1') continue;
        if (contract === 'amc.learning.recommendations.v1') continue;
        const rows = rowsOf(contract as never, sample as never, { partition: 1, offset: '3' });
        for (const { table, row } of rows) await subject.writer.insert(table, [row]);
      }
      expect(await subject.final(TABLES.discoveryCandidates)).toHaveLength(2);
      const [tracking] = await subject.final(TABLES.recommendationTracking);
      expect(tracking).toMatchObject({ return_1d: 7.547169811320755, checkpoint_prices: [7.98, null, null] });
    });

    it('a re-insert is harmless and a higher version replaces the row under FINAL', async () => {
      const table = TABLES.alertAcks;
      const before = await subject.final(table);
      await subject.writer.insert(table, [ack(), ack()]);
      expect(await subject.final(table)).toEqual(before);
      await subject.writer.insert(table, [ack({ note: 'second thoughts', version: 9, kafka_offset: '9' })]);
      const after = await subject.final(table);
      expect(after).toHaveLength(before.length);
      expect(after.find((r) => r.alert_id === 'alert-1')).toMatchObject({
        note: 'second thoughts',
        version: '9',
      });
    });

    it('refuses a whole insert when one row breaks a column type, naming the column', async () => {
      const table = TABLES.recommendationTracking;
      const before = await subject.final(table);
      const good = outcomeRow({ tracking_id: 'run-x:GOOD', version: 1 });
      const bad = outcomeRow({ tracking_id: 'run-x:BAD', version: 1, session_1d: 'not-a-date' });
      const error = await expectWriteError(subject.writer.insert(table, [good, bad]));
      expect(error.failure).toBe('refused');
      expect(error.retriable).toBe(false);
      expect(error.message).toMatch(/session_1d/);
      expect(error.message).toMatch(/at row 2/);
      expect(await subject.final(table)).toEqual(before);
    });

    it.each([
      ['a negative number in an unsigned column', { version: -1 }],
      ['a column the table does not have', { no_such_column: 1 }],
      ['a number where text belongs', { symbol: 42 }],
    ])('refuses %s', async (_, over) => {
      const error = await expectWriteError(
        subject.writer.insert(TABLES.recommendationTracking, [outcomeRow(over)]),
      );
      expect(error.failure).toBe('refused');
    });

    it('says "fatal" for a table that does not exist', async () => {
      const error = await expectWriteError(subject.writer.insert('no_such_table', [ack()]));
      expect(error.failure).toBe('fatal');
      expect(error.serverCode).toBe(60);
    });

    it('says "unavailable" (retriable) when the server cannot be reached, and its ping says false', async () => {
      const down = subject.unreachable();
      try {
        const error = await expectWriteError(down.insert(TABLES.alertAcks, [ack()]));
        expect(error.failure).toBe('unavailable');
        expect(error.retriable).toBe(true);
        expect(await down.ping()).toBe(false);
      } finally {
        await down.close();
      }
    });
  });
}
