/**
 * Retries an operation while its failure is retriable, waiting a capped
 * exponential backoff between attempts, until it succeeds, fails for good, or
 * the sink stops (then the batch is abandoned uncommitted: it is read again).
 */
import type { SinkEventEmitter } from '../events.ts';
import { type BackoffConfig, backoffDelay } from './backoff.ts';
import type { Wakeup } from './wakeup.ts';

/** The sink stopped while an operation was waiting to be retried. */
export class StopRequested extends Error {
  override readonly name = 'StopRequested';
}

export interface RetryHooks {
  /** A retriable failure: called before each wait. */
  readonly onFailure?: (error: unknown) => void;
  /** Success after at least one failure. */
  readonly onRecovery?: () => void;
}

export interface Retrier {
  run<T>(
    what: string,
    op: () => Promise<T>,
    retriable: (error: unknown) => boolean,
    hooks?: RetryHooks,
  ): Promise<T>;
}

export function createRetrier(deps: {
  readonly backoff: BackoffConfig;
  readonly events: SinkEventEmitter;
  readonly isStopping: () => boolean;
  /** Notified when the sink stops, so a wait ends early. */
  readonly stopSignal: Wakeup;
  readonly random?: () => number;
}): Retrier {
  return {
    async run(what, op, retriable, hooks = {}) {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await op();
          if (attempt > 1) hooks.onRecovery?.();
          return result;
        } catch (error) {
          if (!retriable(error)) throw error;
          hooks.onFailure?.(error);
          if (deps.isStopping()) throw new StopRequested(`stopped while retrying ${what}`, { cause: error });
          const delayMs = backoffDelay(attempt, deps.backoff, deps.random);
          deps.events.emitEvent('retry', {
            what,
            attempt,
            delayMs,
            error: String((error as Error).message ?? error),
          });
          await deps.stopSignal.wait(delayMs);
        }
      }
    },
  };
}
