import type { MaybePromise } from './types.ts';

/**
 * The values of `results`, as they are when none is a promise, else once
 * all are settled: a chunk of synchronous answers costs no promise at all.
 */
export function whenAll<T>(results: readonly MaybePromise<T>[]): MaybePromise<readonly T[]> {
  for (const result of results) if (result instanceof Promise) return Promise.all(results);
  return results as readonly T[];
}
