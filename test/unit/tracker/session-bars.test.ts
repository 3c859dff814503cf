import { describe, expect, it } from 'vitest';
import {
  barProblem,
  classifyInterval,
  NYSE_CALENDAR as nyse,
  recordBar,
  resolveSessionBars,
} from '../../../streams/tracker/domain/index.ts';
import { dailyBar, intradayBar, newYorkTime } from './support/market.ts';

describe('intervals', () => {
  it('tells daily from intraday and rejects coarser ones', () => {
    expect(classifyInterval('1d')).toEqual({ kind: 'daily' });
    expect(classifyInterval('5m')).toEqual({ kind: 'intraday', durationMs: 300_000 });
    expect(classifyInterval('1h')).toEqual({ kind: 'intraday', durationMs: 3_600_000 });
    expect(classifyInterval('1wk').kind).toBe('unsupported');
    expect(classifyInterval('2d').kind).toBe('unsupported');
    expect(classifyInterval('24h').kind).toBe('unsupported');
  });
});

describe('bar problems', () => {
  it('accepts a sound bar and names what is wrong with a broken one', () => {
    const bar = dailyBar('2024-12-02', { close: 10 });
    expect(barProblem(bar)).toBeNull();
    expect(barProblem({ ...bar, close: 0 })).toMatch(/close/);
    expect(barProblem({ ...bar, high: Number.NaN })).toMatch(/high/);
    expect(barProblem({ ...bar, low: 11, high: 10 })).toMatch(/low/);
    expect(barProblem({ ...bar, symbol: ' ' })).toMatch(/symbol/);
    expect(barProblem({ ...bar, interval: '1mo' })).toMatch(/interval/);
  });
});

describe('corrections', () => {
  it('replaces a bar with the same symbol, interval and timestamp', () => {
    const original = dailyBar('2024-12-02', { close: 10 });
    const correction = dailyBar('2024-12-02', { close: 11 });
    const history = recordBar(recordBar([], original), correction);
    expect(history).toEqual([correction]);
  });

  it('keeps bars of other intervals or timestamps', () => {
    const daily = dailyBar('2024-12-02', { close: 10 });
    const fine = intradayBar('2024-12-02', 9, 30, { close: 10 });
    expect(recordBar([daily], fine)).toHaveLength(2);
  });
});

describe('session bars', () => {
  it('aggregates finer bars into the session high, low and last close', () => {
    const bars = [
      intradayBar('2024-12-02', 15, 55, { open: 102, high: 103, low: 101, close: 102.5 }),
      intradayBar('2024-12-02', 9, 30, { open: 100, high: 101, low: 99, close: 100.5 }),
      intradayBar('2024-12-02', 11, 0, { open: 100.5, high: 108, low: 100, close: 104 }),
      intradayBar('2024-12-02', 13, 0, { open: 104, high: 104, low: 97, close: 98 }),
    ];
    const session = resolveSessionBars('ACME', bars, nyse).get('2024-12-02');
    expect(session).toMatchObject({ high: 108, low: 97, close: 102.5, source: 'intraday' });
  });

  it('takes the close of the bar ending last when intervals are mixed', () => {
    const bars = [
      intradayBar('2024-12-02', 15, 0, { close: 50 }, '1h'),
      intradayBar('2024-12-02', 15, 55, { close: 51 }, '5m'),
      intradayBar('2024-12-02', 15, 30, { close: 52 }, '15m'),
    ];
    expect(resolveSessionBars('ACME', bars, nyse).get('2024-12-02')?.close).toBe(51);
  });

  it('prefers the daily bar over aggregated finer bars', () => {
    const bars = [
      intradayBar('2024-12-02', 9, 30, { high: 130, low: 90, close: 120 }),
      dailyBar('2024-12-02', { open: 100, high: 125, low: 95, close: 110 }),
    ];
    expect(resolveSessionBars('ACME', bars, nyse).get('2024-12-02')).toMatchObject({
      high: 125,
      low: 95,
      close: 110,
      source: 'daily',
    });
  });

  it('applies a correction that arrives after the bar it replaces', () => {
    const bars = [dailyBar('2024-12-02', { close: 110 }), dailyBar('2024-12-02', { close: 90 })];
    expect(resolveSessionBars('ACME', bars, nyse).get('2024-12-02')?.close).toBe(90);
  });

  it('assigns a bar to its New York date even when the UTC date differs', () => {
    const lateEvening = {
      ...dailyBar('2024-12-02', { close: 10 }),
      timestamp: newYorkTime('2024-12-02', 21, 0),
    };
    expect([...resolveSessionBars('ACME', [lateEvening], nyse).keys()]).toEqual(['2024-12-02']);
  });

  it('leaves out bars on non-session dates, of other symbols, and broken bars', () => {
    const bars = [
      dailyBar('2024-11-28', { close: 10 }), // Thanksgiving
      dailyBar('2024-11-30', { close: 10 }), // Saturday
      dailyBar('2024-12-02', { close: 10 }, 'OTHER'),
      { ...dailyBar('2024-12-03', { close: 10 }), close: -1 },
      { ...dailyBar('2024-12-04', { close: 10 }), interval: '1wk' },
    ];
    expect(resolveSessionBars('ACME', bars, nyse).size).toBe(0);
  });

  it('widens a range that does not contain its close', () => {
    const bar = { ...dailyBar('2024-12-02', { close: 10 }), high: 9, low: 8 };
    expect(resolveSessionBars('ACME', [bar], nyse).get('2024-12-02')).toMatchObject({ high: 10, low: 8 });
  });
});
