import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, resolveTuning } from '../../../streams/runtime/tuning.ts';

describe('runtime tuning', () => {
  it('is the defaults with the overrides on top, frozen', () => {
    const tuning = resolveTuning({ producerRetryInitialMs: 300 });
    expect(tuning).toEqual({ ...DEFAULT_TUNING, producerRetryInitialMs: 300 });
    expect(Object.isFrozen(tuning)).toBe(true);
    expect(resolveTuning()).toEqual({
      produceRequests: 'one',
      skipUnchangedTombstones: true,
      producerRetryInitialMs: 20,
      timestampsAsNumbers: true,
    });
  });

  it.each([
    [{ produceRequests: 'some' }, /produceRequests/],
    [{ skipUnchangedTombstones: 'yes' }, /skipUnchangedTombstones/],
    [{ timestampsAsNumbers: 1 }, /timestampsAsNumbers/],
    [{ producerRetryInitialMs: 0 }, /producerRetryInitialMs/],
    [{ producerRetryInitialMs: 2.5 }, /producerRetryInitialMs/],
  ])('refuses %o', (overrides, message) => {
    expect(() => resolveTuning(overrides as never)).toThrow(message);
  });
});
