import { describe, expect, it } from 'vitest';
import { whenAll } from '../../../streams/runtime/maybe-promise.ts';

describe('whenAll', () => {
  it('hands back answers that are all synchronous as they are, with no promise', () => {
    const results = [1, 2, 3];
    const all = whenAll(results);
    expect(all).not.toBeInstanceOf(Promise);
    expect(all).toBe(results);
  });

  it('waits for the promises among the answers and keeps their order', async () => {
    const slow = new Promise<number>((resolve) => setTimeout(() => resolve(2), 5));
    const all = whenAll([1, slow, Promise.resolve(3), 4]);
    expect(all).toBeInstanceOf(Promise);
    expect(await all).toEqual([1, 2, 3, 4]);
  });

  it('fails when one of the promises fails', async () => {
    await expect(whenAll([1, Promise.reject(new Error('registry down'))])).rejects.toThrow('registry down');
  });
});
