import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransactionalStore } from '../../../streams/runtime/store.ts';
import { BarHistory } from '../../../streams/tracker/bar-history.ts';
import {
  NYSE_CALENDAR as nyse,
  type PriceBar,
  resolveSessionBars,
} from '../../../streams/tracker/domain/index.ts';
import { dailyBar, intradayBar } from './support/market.ts';

/*
 * The tracker keeps bars rolled up per session (streams/tracker/bar-history.ts).
 * Whatever arrives, in whatever order, with whatever corrections, a window
 * read must give the session bars resolveSessionBars gives from the raw bars.
 */
function newHistory() {
  const sessions = new TransactionalStore('sessions');
  const intraday = new TransactionalStore('intraday');
  return { sessions, intraday, history: new BarHistory(sessions as never, intraday as never, nyse) };
}

describe('a correction of a finer bar already rolled up', () => {
  const day = '2024-12-03';
  const bars = [
    intradayBar(day, 9, 30, { open: 10, high: 10.5, low: 9.8, close: 10.2 }, '1m'),
    intradayBar(day, 9, 31, { open: 10.2, high: 12, low: 10.1, close: 11 }, '1m'), // a bad print: 12
    intradayBar(day, 9, 32, { open: 11, high: 11.2, low: 10.6, close: 10.9 }, '1m'),
  ];

  it('narrows the session range again: the session is rolled up from its finer bars anew', () => {
    const { history } = newHistory();
    for (const bar of bars) history.add(bar);
    expect(history.window('ACME', day, day).sessionBars.get(day)).toMatchObject({
      high: 12,
      low: 9.8,
      close: 10.9,
    });
    history.add(intradayBar(day, 9, 31, { open: 10.2, high: 11.1, low: 10.1, close: 11 }, '1m'));
    // Highest high of 10.5, 11.1 and 11.2; the close is still the last minute's.
    expect(history.window('ACME', day, day).sessionBars.get(day)).toMatchObject({
      high: 11.2,
      low: 9.8,
      close: 10.9,
      source: 'intraday',
    });
  });

  it('moves the close when the corrected bar is the last one', () => {
    const { history } = newHistory();
    for (const bar of bars) history.add(bar);
    history.add(intradayBar(day, 9, 32, { open: 11, high: 11.2, low: 10.6, close: 10.7 }, '1m'));
    expect(history.window('ACME', day, day).sessionBars.get(day)).toMatchObject({ high: 12, close: 10.7 });
  });

  it('writes the bar and its session once each, however many bars the session has', () => {
    const { history, sessions, intraday } = newHistory();
    for (const bar of bars) history.add(bar);
    sessions.commit();
    intraday.commit();
    history.add(intradayBar(day, 9, 31, { open: 10.2, high: 11.1, low: 10.1, close: 11 }, '1m'));
    expect(sessions.changes().map(([key]) => key)).toEqual([`ACME|${day}`]);
    expect(intraday.changes()).toHaveLength(1);
  });
});

describe('forgetting sessions', () => {
  it('drops the sessions before a date and their finer bars, and nothing of another symbol', () => {
    const { history, sessions, intraday } = newHistory();
    history.add(intradayBar('2024-12-02', 10, 0, { close: 10 }, '1m'));
    history.add(intradayBar('2024-12-02', 10, 0, { close: 20 }, '1m', 'ACME2'));
    history.add(dailyBar('2024-12-03', { close: 11 }));
    history.forgetBefore('ACME', '2024-12-03');
    expect([...sessions.entries()].map(([key]) => key)).toEqual(['ACME2|2024-12-02', 'ACME|2024-12-03']);
    expect([...intraday.entries()].map(([key]) => key.split('|')[0])).toEqual(['ACME2']);
  });

  it('keeps a symbol whose name has the separator in it apart from the others', () => {
    const { history } = newHistory();
    history.add(dailyBar('2024-12-03', { close: 11 }, 'A|2024'));
    history.add(dailyBar('2024-12-03', { close: 12 }, 'A'));
    expect(history.window('A', '2024-12-01', '2024-12-31').barSessions).toEqual(['2024-12-03']);
    expect(history.window('A', '2024-12-01', '2024-12-31').sessionBars.get('2024-12-03')?.close).toBe(12);
  });
});

const DATES = ['2024-11-29', '2024-11-30', '2024-12-02', '2024-12-03', '2024-12-04', '2024-12-05'];
const INTERVALS = ['1d', '1D', '1m', '5m', '1h', '60m'];
const arrivingBar: fc.Arbitrary<PriceBar> = fc
  .record({
    date: fc.constantFrom(...DATES),
    minute: fc.integer({ min: 0, max: 8 }).map((n) => n * 30),
    interval: fc.constantFrom(...INTERVALS),
    symbol: fc.constantFrom('ACME', 'ACME2'),
    close: fc.integer({ min: 50, max: 150 }),
    up: fc.integer({ min: 0, max: 10 }),
    down: fc.integer({ min: 0, max: 10 }),
  })
  .map(({ date, minute, interval, symbol, close, up, down }) =>
    interval === '1d' || interval === '1D'
      ? { ...dailyBar(date, { close, high: close + up, low: close - down }, symbol), interval }
      : intradayBar(
          date,
          9 + Math.floor((30 + minute) / 60),
          (30 + minute) % 60,
          { close, high: close + up, low: close - down },
          interval,
          symbol,
        ),
  );

describe('rolled-up sessions', () => {
  it('are the session bars the raw bars resolve to, after every arrival', () => {
    fc.assert(
      fc.property(fc.array(arrivingBar, { maxLength: 60 }), fc.constantFrom(...DATES), (bars, from) => {
        const { history } = newHistory();
        const seen: PriceBar[] = [];
        for (const bar of bars) {
          history.add(bar);
          seen.push(bar);
          const resolved = resolveSessionBars('ACME', seen, nyse);
          const sessions = [...resolved.keys()].sort();
          const to = '2024-12-04';
          const window = history.window('ACME', from, to);
          const inWindow = sessions.filter((s) => s >= from && s <= to);
          expect([...window.sessionBars.keys()]).toEqual(inWindow);
          for (const s of inWindow) expect(window.sessionBars.get(s)).toEqual(resolved.get(s));
          const before = sessions.filter((s) => s < from).at(-1);
          const after = sessions.find((s) => s > to);
          expect(window.barSessions).toEqual([
            ...(before === undefined ? [] : [before]),
            ...inWindow,
            ...(after === undefined ? [] : [after]),
          ]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
