/**
 * Offsets to commit. A batch notes, per partition, the offset after the last
 * record it holds; the ledger remembers what was committed so a commit never
 * moves a partition backwards (records handed over again after a rebalance
 * are re-inserted, harmlessly, but their older offset is not re-committed).
 */
import type { SourcePosition } from '../events.ts';

const keyOf = (topic: string, partition: number) => `${partition}\u0000${topic}`;

/** Compares two offsets given as decimal text (no sign, no leading zeros) without parsing them. */
export function offsetAfter(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

export class OffsetTracker {
  private readonly next = new Map<string, SourcePosition>();

  /** Notes that everything before `nextOffset` of the partition is in this batch (or needs nothing). */
  note(topic: string, partition: number, nextOffset: string): void {
    const key = keyOf(topic, partition);
    const held = this.next.get(key);
    // Called for every record: text comparison, not BigInt parsing.
    if (held === undefined || offsetAfter(nextOffset, held.offset)) {
      this.next.set(key, { topic, partition, offset: nextOffset });
    }
  }

  get size(): number {
    return this.next.size;
  }

  positions(): SourcePosition[] {
    return [...this.next.values()];
  }
}

export class CommitLedger {
  private readonly committed = new Map<string, bigint>();

  /** The positions that move their partition forward. */
  ahead(positions: readonly SourcePosition[]): SourcePosition[] {
    return positions.filter((p) => {
      const done = this.committed.get(keyOf(p.topic, p.partition));
      return done === undefined || BigInt(p.offset) > done;
    });
  }

  record(positions: readonly SourcePosition[]): void {
    for (const p of positions) this.committed.set(keyOf(p.topic, p.partition), BigInt(p.offset));
  }

  /** Forgets partitions no longer assigned: their next owner commits them. */
  retain(assigned: (topic: string, partition: number) => boolean): void {
    for (const [key] of this.committed) {
      const [partition, topic] = key.split('\u0000') as [string, string];
      if (!assigned(topic, Number(partition))) this.committed.delete(key);
    }
  }
}
