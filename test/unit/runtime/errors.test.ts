import { describe, expect, it, vi } from 'vitest';
import {
  classifyError,
  RuntimeError,
  retryConcurrentTransactions,
  retryRetriable,
} from '../../../streams/runtime/errors.ts';

const protocolError = (type: string) =>
  Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type, retriable: true });

describe('classifyError', () => {
  it.each([
    ['INVALID_PRODUCER_EPOCH', 'fenced'],
    ['PRODUCER_FENCED', 'fenced'],
    ['CONCURRENT_TRANSACTIONS', 'retriable'],
    ['NOT_COORDINATOR', 'retriable'],
    ['REQUEST_TIMED_OUT', 'retriable'],
  ])('%s is %s', (type, expected) => {
    expect(classifyError(protocolError(type))).toBe(expected);
  });

  it('looks through the cause chain that kafkajs wraps retries in', () => {
    const wrapped = Object.assign(new Error('retries exceeded'), {
      name: 'KafkaJSNonRetriableError',
      cause: protocolError('INVALID_PRODUCER_EPOCH'),
    });
    expect(classifyError(wrapped)).toBe('fenced');
  });

  it('treats a programming error as fatal and keeps a runtime error its own class', () => {
    expect(classifyError(new TypeError('x is undefined'))).toBe('fatal');
    expect(classifyError(new RuntimeError('gone', 'fenced'))).toBe('fenced');
  });
});

describe('retryConcurrentTransactions', () => {
  it('retries while the broker answers CONCURRENT_TRANSACTIONS, then succeeds', async () => {
    const op = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(protocolError('CONCURRENT_TRANSACTIONS'))
      .mockRejectedValueOnce(protocolError('CONCURRENT_TRANSACTIONS'))
      .mockResolvedValue('done');
    const retries: number[] = [];
    await expect(
      retryConcurrentTransactions(op, { initialDelayMs: 1, onRetry: (attempt) => retries.push(attempt) }),
    ).resolves.toBe('done');
    expect(retries).toEqual([1, 2]);
  });

  it('does not retry other errors, and gives up after the attempts allowed', async () => {
    const other = vi.fn<() => Promise<void>>().mockRejectedValue(protocolError('INVALID_PRODUCER_EPOCH'));
    await expect(retryConcurrentTransactions(other, { initialDelayMs: 1 })).rejects.toThrow(
      'INVALID_PRODUCER_EPOCH',
    );
    expect(other).toHaveBeenCalledTimes(1);
    const always = vi.fn<() => Promise<void>>().mockRejectedValue(protocolError('CONCURRENT_TRANSACTIONS'));
    await expect(retryConcurrentTransactions(always, { attempts: 3, initialDelayMs: 1 })).rejects.toThrow();
    expect(always).toHaveBeenCalledTimes(3);
  });
});

describe('retryRetriable', () => {
  it('waits out a leader that is still being settled', async () => {
    const op = vi
      .fn<() => Promise<number>>()
      .mockRejectedValueOnce(protocolError('NOT_LEADER_FOR_PARTITION'))
      .mockResolvedValue(7);
    await expect(retryRetriable(op, { initialDelayMs: 1 })).resolves.toBe(7);
    expect(op).toHaveBeenCalledTimes(2);
  });

  it('passes a programming error on at once', async () => {
    const op = vi.fn<() => Promise<void>>().mockRejectedValue(new TypeError('x is undefined'));
    await expect(retryRetriable(op, { initialDelayMs: 1 })).rejects.toThrow(TypeError);
    expect(op).toHaveBeenCalledTimes(1);
  });
});
