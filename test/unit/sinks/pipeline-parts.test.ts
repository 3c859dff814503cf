import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../sinks/pipeline/backoff.ts';
import type { PendingRow } from '../../../sinks/pipeline/batch-buffer.ts';
import { flushReason, hasRoom, untilDue } from '../../../sinks/pipeline/flush-policy.ts';
import { CommitLedger, OffsetTracker } from '../../../sinks/pipeline/offset-tracker.ts';
import { insertFindingRefused, refusedRowIndex } from '../../../sinks/pipeline/table-insert.ts';
import { WriteError } from '../../../sinks/writer/errors.ts';

const policy = { batchRows: 100, batchAgeMs: 1000, maxBufferedRecords: 300 };

describe('flush policy', () => {
  const empty = { rows: 0, records: 0, offsets: 0, openedAt: undefined };

  it('flushes a full batch at once, a young partial one not yet, an old one by age', () => {
    expect(flushReason({ rows: 100, records: 60, offsets: 1, openedAt: 5000 }, 5000, policy)).toBe('size');
    expect(flushReason({ rows: 99, records: 99, offsets: 1, openedAt: 5000 }, 5999, policy)).toBeUndefined();
    expect(flushReason({ rows: 99, records: 99, offsets: 1, openedAt: 5000 }, 6000, policy)).toBe('age');
  });

  it('flushes offsets alone by age (a batch of transaction markers still gets committed)', () => {
    expect(flushReason({ rows: 0, records: 0, offsets: 1, openedAt: 0 }, 1000, policy)).toBe('age');
    expect(flushReason(empty, 1_000_000, policy)).toBeUndefined();
  });

  it('knows how long until a batch is due, and when there is room', () => {
    expect(untilDue({ ...empty, records: 1, openedAt: 5000 }, 5400, policy)).toBe(600);
    expect(untilDue({ ...empty, records: 1, openedAt: 5000 }, 7000, policy)).toBe(0);
    expect(untilDue(empty, 7000, policy)).toBeUndefined();
    expect(hasRoom(299, policy)).toBe(true);
    expect(hasRoom(300, policy)).toBe(false);
  });
});

describe('backoff', () => {
  const config = { initialMs: 100, maxMs: 5000 };

  it('doubles from the initial wait up to the cap (no jitter at random() = 0)', () => {
    expect([1, 2, 3, 4, 6, 7, 50].map((a) => backoffDelay(a, config, () => 0))).toEqual([
      100, 200, 400, 800, 3200, 5000, 5000,
    ]);
  });

  it('jitter lowers a wait by at most a quarter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (a, r) => {
          const full = backoffDelay(a, config, () => 0);
          const delay = backoffDelay(a, config, () => r);
          expect(delay).toBeLessThanOrEqual(full);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(full * 0.75));
        },
      ),
    );
  });
});

describe('offsets', () => {
  it('a batch commits the offset after its last record of each partition', () => {
    const tracker = new OffsetTracker();
    tracker.note('t', 0, '5');
    tracker.note('t', 0, '3');
    tracker.note('t', 1, '10');
    tracker.note('u', 0, '1');
    expect(tracker.positions()).toEqual([
      { topic: 't', partition: 0, offset: '5' },
      { topic: 't', partition: 1, offset: '10' },
      { topic: 'u', partition: 0, offset: '1' },
    ]);
  });

  it('never moves a partition backwards, and forgets partitions no longer assigned', () => {
    const ledger = new CommitLedger();
    ledger.record([{ topic: 't', partition: 0, offset: '100' }]);
    const positions = [
      { topic: 't', partition: 0, offset: '80' },
      { topic: 't', partition: 1, offset: '7' },
    ];
    expect(ledger.ahead(positions)).toEqual([{ topic: 't', partition: 1, offset: '7' }]);
    ledger.retain((_, partition) => partition !== 0);
    expect(ledger.ahead(positions)).toEqual(positions);
  });
});

describe('finding the rows ClickHouse refuses', () => {
  const source = (offset: number) => ({
    topic: 't',
    partition: 0,
    offset: String(offset),
    timestamp: '0',
    key: null,
    value: null,
  });
  const pending = (n: number): PendingRow[] =>
    Array.from({ length: n }, (_, i) => ({ row: { i }, source: source(i), failedAt: 0 }));

  /** A server that refuses any insert holding a bad row, naming the first one (or not). */
  function server(bad: ReadonlySet<number>, namesRow: boolean) {
    const stored: number[] = [];
    let inserts = 0;
    const attempt = async (_table: string, rows: readonly PendingRow[]) => {
      inserts++;
      const index = rows.findIndex((r) => bad.has(r.row.i as number));
      if (index >= 0) {
        throw new WriteError(
          `Code: 27. Cannot parse input${namesRow ? ` (at row ${index + 1})` : ''}`,
          'refused',
          27,
        );
      }
      stored.push(...rows.map((r) => r.row.i as number));
    };
    return { attempt, stored, inserts: () => inserts };
  }

  it('reads the row number of a refusal', () => {
    expect(refusedRowIndex('Code: 27, e.displayText() = ...: (at row 3)\n', 5)).toBe(2);
    expect(refusedRowIndex('(at row 9)', 5)).toBeUndefined();
    expect(refusedRowIndex('no row here', 5)).toBeUndefined();
  });

  it('stores every good row exactly once and refuses exactly the bad ones, whether or not the server names them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.nat(59), { maxLength: 8 }),
        fc.boolean(),
        async (count, badIndexes, namesRow) => {
          const bad = new Set(badIndexes.filter((i) => i < count));
          const { attempt, stored } = server(bad, namesRow);
          const refused = await insertFindingRefused('t', pending(count), attempt);
          expect(refused.map((r) => r.pending.row.i).sort((a, b) => Number(a) - Number(b))).toEqual(
            [...bad].sort((a, b) => a - b),
          );
          expect(stored.sort((a, b) => a - b)).toEqual(
            Array.from({ length: count }, (_, i) => i).filter((i) => !bad.has(i)),
          );
          for (const r of refused) expect(r.message).toMatch(/Cannot parse input/);
        },
      ),
    );
  });

  it('one bad row in 10,000 costs a handful of inserts when the server names it', async () => {
    const { attempt, inserts } = server(new Set([6_543]), true);
    const refused = await insertFindingRefused('t', pending(10_000), attempt);
    expect(refused).toHaveLength(1);
    expect(inserts()).toBe(4);
  });

  it('passes other failures through', async () => {
    const attempt = async () => {
      throw new WriteError('Code: 60. Table t does not exist', 'fatal', 60);
    };
    await expect(insertFindingRefused('t', pending(3), attempt)).rejects.toMatchObject({ failure: 'fatal' });
  });
});

describe('offset text', () => {
  it('compares offsets as numbers without parsing them', async () => {
    const { offsetAfter } = await import('../../../sinks/pipeline/offset-tracker.ts');
    const { nextOffsetAfter } = await import('../../../sinks/pipeline/batch-buffer.ts');
    expect(offsetAfter('10', '9')).toBe(true);
    expect(offsetAfter('9', '10')).toBe(false);
    expect(offsetAfter('123', '123')).toBe(false);
    expect(offsetAfter('124', '123')).toBe(true);
    expect(nextOffsetAfter('41')).toBe('42');
    expect(nextOffsetAfter('9007199254740991')).toBe('9007199254740992');
    expect(nextOffsetAfter('18446744073709551614')).toBe('18446744073709551615');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n }), fc.bigInt({ min: 0n, max: 2n ** 63n }), (a, b) => {
        expect(offsetAfter(String(a), String(b))).toBe(a > b);
        expect(nextOffsetAfter(String(a))).toBe(String(a + 1n));
      }),
    );
  });
});
