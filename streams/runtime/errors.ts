/**
 * One place decides what an error means for a partition's work:
 * - `retriable`: abort, roll state back, re-read from the last commit and try again;
 * - `fenced`: another instance owns this partition now; drop the task, never write again;
 * - `fatal`: stop the runtime (a bug, a missing topic, bad configuration).
 */
export type ErrorClass = 'retriable' | 'fenced' | 'fatal';

const FENCED_TYPES = new Set([
  'INVALID_PRODUCER_EPOCH',
  'PRODUCER_FENCED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'INVALID_PRODUCER_ID_MAPPING',
]);

const RETRIABLE_TYPES = new Set([
  'CONCURRENT_TRANSACTIONS',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'INVALID_TXN_STATE',
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'TRANSACTION_COORDINATOR_FENCED',
]);

interface KafkaLikeError {
  name?: string;
  type?: string;
  retriable?: boolean;
  cause?: unknown;
  code?: string;
}

/** An error raised by the runtime itself that already knows its class. */
export class RuntimeError extends Error {
  constructor(
    message: string,
    readonly errorClass: ErrorClass,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RuntimeError';
  }
}

function typeChain(err: unknown): KafkaLikeError[] {
  const chain: KafkaLikeError[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    chain.push(current as KafkaLikeError);
    current = (current as KafkaLikeError).cause ?? (current as { originalError?: unknown }).originalError;
  }
  return chain;
}

export function classifyError(err: unknown): ErrorClass {
  if (err instanceof RuntimeError) return err.errorClass;
  const chain = typeChain(err);
  if (chain.some((e) => e.type !== undefined && FENCED_TYPES.has(e.type))) return 'fenced';
  if (chain.some((e) => e.type !== undefined && RETRIABLE_TYPES.has(e.type))) return 'retriable';
  if (chain.some((e) => e.name === 'KafkaJSNumberOfRetriesExceeded' || e.name === 'KafkaJSConnectionError')) {
    return 'retriable';
  }
  if (chain.some((e) => e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' || e.code === 'ETIMEDOUT')) {
    return 'retriable';
  }
  if (chain.some((e) => e.name?.startsWith('KafkaJS') && e.retriable === true)) return 'retriable';
  return 'fatal';
}

/** True for the broker's answer that the previous transaction is still being completed. */
export function isConcurrentTransactions(err: unknown): boolean {
  return typeChain(err).some((e) => e.type === 'CONCURRENT_TRANSACTIONS');
}

interface RetryOptions {
  attempts?: number;
  initialDelayMs?: number;
  onRetry?: (attempt: number, err: unknown) => void;
}

/** Retries `op` with doubling delays (capped at 1 s) while `worthRetrying` says so. */
export async function retryWhile<T>(
  op: () => Promise<T>,
  worthRetrying: (err: unknown) => boolean,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 10;
  let delay = options.initialDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (!worthRetrying(err) || attempt >= attempts) throw err;
      options.onRetry?.(attempt, err);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 1000);
    }
  }
}

/**
 * Retries `op` while it fails with CONCURRENT_TRANSACTIONS. kafkajs retries
 * this answer for AddPartitionsToTxn but not for AddOffsetsToTxn, which a
 * transaction begun right after a commit meets whenever the coordinator is
 * still writing the previous commit's markers.
 */
export function retryConcurrentTransactions<T>(op: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return retryWhile(op, isConcurrentTransactions, options);
}

/**
 * Retries `op` while it fails for a reason that passes: a partition whose
 * leader is still being settled (NOT_LEADER_FOR_PARTITION right after a topic
 * is created), a broker that restarts. kafkajs' own retries give up on these
 * sooner than a freshly created topic settles on a loaded machine.
 */
export function retryRetriable<T>(op: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return retryWhile(op, (err) => classifyError(err) === 'retriable', {
    attempts: 12,
    initialDelayMs: 50,
    ...options,
  });
}
