import { describe, expect, it } from 'vitest';
import { apiConfig, apiConfigFromEnv } from '../../../api/config.ts';
import { decodeCursor, encodeCursor } from '../../../api/domain/cursor.ts';
import { lastDays, resolveDayRange } from '../../../api/domain/date-range.ts';
import { notBoughtReasons } from '../../../api/domain/not-bought.ts';
import { ApiError } from '../../../api/errors.ts';
import { queryProblems } from '../../../api/http/strict-query.ts';
import { partitionLag } from '../../../api/metrics/consumer-lag.ts';
import { WindowedRate } from '../../../api/metrics/windowed-rate.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ApiError ? error.code : String(error);
  }
  return 'no error';
};

describe('date ranges', () => {
  const now = Date.UTC(2026, 3, 30, 12);
  it('defaults to the last days up to today, both ends included', () => {
    expect(resolveDayRange({}, { now, defaultDays: 7, maxDays: 30 })).toEqual({
      startMs: Date.UTC(2026, 3, 24),
      endMs: Date.UTC(2026, 4, 1),
      from: '2026-04-24',
      to: '2026-04-30',
    });
  });
  it('refuses reversed, too long and out-of-era ranges', () => {
    const options = { now, defaultDays: 7, maxDays: 30 };
    expect(code(() => resolveDayRange({ from: '2026-04-02', to: '2026-04-01' }, options))).toBe(
      'INVALID_RANGE',
    );
    expect(code(() => resolveDayRange({ from: '2026-01-01', to: '2026-04-01' }, options))).toBe(
      'INVALID_RANGE',
    );
    expect(code(() => resolveDayRange({ from: '1960-01-01', to: '1960-01-02' }, options))).toBe(
      'INVALID_RANGE',
    );
    expect(resolveDayRange({ from: '2026-04-01', to: '2026-04-30' }, options).to).toBe('2026-04-30');
  });
  it('the last N days end now', () => {
    expect(lastDays(now, 2)).toEqual({ startMs: now - 2 * 86_400_000, endMs: now + 1 });
  });
});

describe('cursors', () => {
  it('round-trip, and anything else is INVALID_CURSOR', () => {
    const cursor = { t: 1_772_000_000, id: 'run-a:AONE' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of [
      encode({ t: 1, id: "a' OR 1=1" }),
      encode({ t: -1, id: 'a' }),
      encode({ t: 1 }),
      'zz',
      encode(null),
    ]) {
      expect(code(() => decodeCursor(bad))).toBe('INVALID_CURSOR');
    }
  });
});

describe('why a pick was not bought', () => {
  const facts = {
    compositeScore: 70,
    factors: { volume_spike: 3 },
    relaxed: false,
    parameters: { min_composite_score: 60, min_volume_spike: 2.5 },
  };
  it('names every threshold the candidate missed, and a relaxed run', () => {
    expect(notBoughtReasons({ ...facts, compositeScore: 59.9, relaxed: true })).toEqual([
      'BELOW_MIN_COMPOSITE_SCORE',
      'RELAXED_RUN',
    ]);
    expect(notBoughtReasons({ ...facts, factors: { volume_spike: 2 } })).toEqual(['BELOW_MIN_VOLUME_SPIKE']);
  });
  it('says nobody acted when every threshold was cleared, and unknown when the run is missing', () => {
    expect(notBoughtReasons(facts)).toEqual(['NO_POSITION_OPENED']);
    expect(notBoughtReasons({ ...facts, parameters: {} })).toEqual(['NO_POSITION_OPENED']);
    expect(notBoughtReasons(undefined)).toEqual(['DISCOVERY_NOT_RECORDED']);
  });
});

describe('plain query values', () => {
  const schema = { properties: { n: { type: 'integer' }, b: { type: 'boolean' }, s: { type: 'string' } } };
  it('accepts plainly written values only, once each', () => {
    expect(queryProblems({ n: '12', b: 'true', s: ' x ' }, schema)).toEqual([]);
    for (const n of [' 7', '0x10', '1e3', '7.0', '+7', ''])
      expect(queryProblems({ n }, schema)).toHaveLength(1);
    expect(queryProblems({ b: '1' }, schema)).toHaveLength(1);
    expect(queryProblems({ s: ['a', 'b'] }, schema)).toHaveLength(1);
  });
});

describe('metrics helpers', () => {
  it('rates events over a sliding window', () => {
    let now = 0;
    const rate = new WindowedRate(10_000, () => now);
    now = 5_000;
    rate.add(50);
    expect(rate.perSecond()).toBe(10);
    now = 10_000;
    rate.add(50);
    expect(rate.perSecond()).toBe(10);
    now = 15_001;
    expect(rate.perSecond()).toBeCloseTo(5, 12);
  });
  it('counts lag from the committed offset, or from the earliest kept record when nothing is committed', () => {
    expect(partitionLag('90', '0', '100')).toEqual({ committed: 90, lag: 10 });
    expect(partitionLag('-1', '40', '100')).toEqual({ committed: 0, lag: 60 });
  });
});

describe('API configuration', () => {
  it('defaults to 127.0.0.1:3000 with mutations disabled and CORS off', () => {
    expect(apiConfigFromEnv({})).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      token: undefined,
      corsOrigins: [],
    });
    expect(Object.isFrozen(apiConfigFromEnv({}))).toBe(true);
    expect(apiConfig({ port: 0 }).port).toBe(0);
  });
  it('names the bad variable', () => {
    expect(() => apiConfigFromEnv({ AMC_API_TOKEN: 'short' })).toThrow(/AMC_API_TOKEN/);
    expect(() => apiConfigFromEnv({ AMC_API_PORT: '70000' })).toThrow(/AMC_API_PORT/);
    expect(() => apiConfigFromEnv({ AMC_API_CORS_ORIGINS: 'https://a.example/path' })).toThrow(
      /AMC_API_CORS_ORIGINS/,
    );
    expect(
      apiConfigFromEnv({ AMC_API_CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
  });
});

describe('answer cache', () => {
  it('shares one computation, serves the previous answer while refreshing, and never keeps a failure', async () => {
    const { AnswerCache } = await import('../../../api/http/answer-cache.ts');
    let now = 0;
    let computed = 0;
    const cache = new AnswerCache(1_000, 10, () => now);
    const compute = async () => ++computed;
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    now = 999;
    expect(await cache.get('a', compute)).toBe(1);
    now = 1_500;
    // Stale but not too old: the previous answer now, the refreshed one next time.
    expect(await cache.get('a', compute)).toBe(1);
    expect(await cache.get('a', compute)).toBe(2);
    now = 5_000;
    // Too old to serve: wait for the refresh.
    expect(await cache.get('a', compute)).toBe(3);
    await expect(cache.get('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('b', compute)).toBe(4);
    expect(await new AnswerCache(0).get('c', compute)).toBe(5);
    expect(await new AnswerCache(0).get('c', compute)).toBe(6);
  });
});
