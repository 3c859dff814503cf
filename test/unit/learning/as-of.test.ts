import { describe, expect, it } from 'vitest';
import { addVersion, outcomeKnownFrom, versionAsOf } from '../../../streams/learning/domain/index.ts';

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

describe('when an outcome counts as known', () => {
  const final = { version: 1, final: true, as_of: 5000, settled_at: 3000 };

  it('a first final version from the end of its day-30 session, whatever bar the tracker stamped it with', () => {
    expect(outcomeKnownFrom([], final)).toBe(3000);
    expect(outcomeKnownFrom([{ version: 1, final: false }], { ...final, version: 2 })).toBe(3000);
  });

  it('a restatement and a non-final version from their own time', () => {
    expect(outcomeKnownFrom([{ version: 1, final: true }], { ...final, version: 2 })).toBe(5000);
    expect(outcomeKnownFrom([], { ...final, final: false, settled_at: null })).toBe(5000);
  });
});
