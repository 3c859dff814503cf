import { deepFreeze } from '../shared/deep-freeze.ts';

/**
 * How a task writes a transaction. The defaults are the fastest measured;
 * every other value is the behaviour some change replaced, kept so that
 * `npm run bench:runtime` measures each change against what came before it,
 * in one run. Each value keeps exactly-once: they differ in how many
 * requests a transaction takes, never in what it commits.
 */
export interface RuntimeTuning {
  /**
   * `one`: every output, dead letter and changelog write of a transaction in
   * one produce call (kafkajs sends one request per broker), or as few as keep
   * each request under MAX_REQUEST_BYTES (see transaction-writer.ts). `per-topic-slices`:
   * each topic's messages in slices of 250, one awaited request each.
   */
  readonly produceRequests: 'one' | 'per-topic-slices';
  /**
   * Leaves out of the changelog a key that was absent at the last commit and
   * is absent again (created and deleted within one transaction): its latest
   * changelog record already says it is absent.
   */
  readonly skipUnchangedTombstones: boolean;
  /**
   * The first retry delay of a task's transactional producer, in ms (kafkajs
   * doubles it from there). The broker answers CONCURRENT_TRANSACTIONS to a
   * transaction begun while it still writes the previous commit's markers, a
   * few milliseconds' work; kafkajs' default first wait is 300 ms.
   */
  readonly producerRetryInitialMs: number;
  /**
   * Hands the producer each record's timestamp as a number. kafkajs types it
   * as text, and taking it at its word cost a conversion to text per record
   * and up to three parses back in the produce request; both of kafkajs'
   * produce paths read a number as well.
   */
  readonly timestampsAsNumbers: boolean;
}

export const DEFAULT_TUNING: RuntimeTuning = deepFreeze({
  produceRequests: 'one',
  skipUnchangedTombstones: true,
  producerRetryInitialMs: 20,
  timestampsAsNumbers: true,
});

/** The tuning in force: the defaults with `overrides` on top, checked once and frozen. */
export function resolveTuning(overrides: Partial<RuntimeTuning> = {}): RuntimeTuning {
  const tuning = { ...DEFAULT_TUNING, ...overrides };
  if (tuning.produceRequests !== 'one' && tuning.produceRequests !== 'per-topic-slices')
    throw new RangeError(
      `tuning.produceRequests: expected 'one' or 'per-topic-slices', got ${tuning.produceRequests}`,
    );
  for (const flag of ['skipUnchangedTombstones', 'timestampsAsNumbers'] as const)
    if (typeof tuning[flag] !== 'boolean') throw new RangeError(`tuning.${flag}: expected a boolean`);
  if (!Number.isInteger(tuning.producerRetryInitialMs) || tuning.producerRetryInitialMs < 1)
    throw new RangeError(
      `tuning.producerRetryInitialMs: expected a whole number of ms, at least 1, got ${tuning.producerRetryInitialMs}`,
    );
  return deepFreeze(tuning);
}
