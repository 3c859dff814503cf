import { describe, expect, it } from 'vitest';
import { addVersion, versionAsOf } from '../../../streams/learning/domain/index.ts';

const v = (version: number, as_of: number) => ({ version, as_of, note: `v${version}` });

describe('versions as of an instant', () => {
  it('reads the highest version known before the instant', () => {
    const history = [v(1, 100), v(2, 200), v(3, 300)];
    expect(versionAsOf(history, 250)?.version).toBe(2);
    expect(versionAsOf(history, 300)?.version).toBe(2);
    expect(versionAsOf(history, 301)?.version).toBe(3);
    expect(versionAsOf(history, 100)).toBeUndefined();
  });

  it('keeps versions after the horizon and the newest before it; a replayed version counts once', () => {
    let history = addVersion([], v(2, 200), 0);
    history = addVersion(history, v(1, 100), 0);
    history = addVersion(history, v(1, 100), 0);
    expect(history.map((h) => h.version)).toEqual([1, 2]);
    history = addVersion(history, v(3, 300), 250);
    expect(history.map((h) => h.version)).toEqual([2, 3]);
    history = addVersion(history, v(4, 400), 1000);
    expect(history.map((h) => h.version)).toEqual([4]);
  });
});
