/** When the buffer is inserted, and when consumption must wait: pure decisions over counts and times. */
export interface FlushPolicy {
  readonly batchRows: number;
  readonly batchAgeMs: number;
  readonly maxBufferedRecords: number;
}

export interface BufferState {
  readonly rows: number;
  /** Records in the buffer, including those that became dead letters rather than rows. */
  readonly records: number;
  /** Offsets noted without records (batches of transaction markers only). */
  readonly offsets: number;
  /** When the first record or offset entered the buffer; undefined when it is empty. */
  readonly openedAt: number | undefined;
}

export type FlushReason = 'size' | 'age';

/** Why the buffer should be inserted now, or undefined to keep filling it. */
export function flushReason(state: BufferState, now: number, policy: FlushPolicy): FlushReason | undefined {
  if (state.rows >= policy.batchRows) return 'size';
  const holdsSomething = state.records > 0 || state.offsets > 0;
  if (holdsSomething && state.openedAt !== undefined && now - state.openedAt >= policy.batchAgeMs)
    return 'age';
  return undefined;
}

/** Milliseconds until the buffer becomes due by age; undefined when it is empty. */
export function untilDue(state: BufferState, now: number, policy: FlushPolicy): number | undefined {
  if (state.openedAt === undefined) return undefined;
  return Math.max(0, state.openedAt + policy.batchAgeMs - now);
}

/** Whether another record may be taken while `held` records (waiting plus being inserted) are held. */
export function hasRoom(held: number, policy: FlushPolicy): boolean {
  return held < policy.maxBufferedRecords;
}
