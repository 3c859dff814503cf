import { describe, expect, it } from 'vitest';
import { equityAt, equityFromFile } from '../../../bridges/amc-trader/equity.ts';
import { parseHoldings } from '../../../bridges/amc-trader/holdings.ts';
import { importFiles } from '../../../bridges/amc-trader/import-files.ts';
import { mapScanLog } from '../../../bridges/amc-trader/scan-log.ts';
import { fixtureText, IMPORT_CONTEXT } from '../../support/amc-trader-fixtures.ts';

const LOG = { name: 'scanner_performance.csv', text: fixtureText('scanner_performance.csv') };
const fixed = (equity: number) => ({ kind: 'fixed' as const, equity, label: '--equity' });
const tracking = parseHoldings(fixtureText('portfolio_tracking.csv'), 'portfolio_tracking.csv');
const entries = mapScanLog(LOG.text, { file: LOG.name, context: IMPORT_CONTEXT }).entries;
const day = (date: string) => Date.parse(`${date}T08:00:00Z`); // start of a winter day in Los Angeles

describe("the scan log's entered rows as positions", () => {
  const batch = importFiles('scan-log', [LOG], {
    context: IMPORT_CONTEXT,
    equity: fixed(101_530.37),
    holdings: tracking.holdings,
  });

  it('opens each entry whose quantity the data gives, and closes each exit with quantity 0', () => {
    expect(
      batch.positions.map((p) => [p.symbol, p.quantity, p.avg_entry_price, p.entry_date, p.as_of]),
    ).toEqual([
      ['PTNM', 4, 2.2, day('2026-02-01'), day('2026-02-01')],
      ['RIG', 55, 5.345, day('2026-02-10'), day('2026-02-10')],
      ['PTNM', 0, 2.2, day('2026-02-01'), day('2026-02-10')],
      ['PAAA', 3, 51.395, day('2026-02-12'), day('2026-02-12')],
      ['ENSC', 0, 0.5656, day('2026-03-02'), day('2026-03-02')],
      ['TPET', 0, 1.96, day('2026-03-03'), day('2026-03-04')],
      ['USEG', 266, 1.125, day('2026-03-04'), day('2026-03-04')],
    ]);
    expect(batch.positions.every((p) => p.account_equity === 101_530.37)).toBe(true);
  });

  it('refuses the entries no quantity can be found for, by line, without making one up', () => {
    expect(
      batch.refusals.filter((r) => r.code === 'NO_QUANTITY').map((r) => [r.line, r.message.split(':')[0]]),
    ).toEqual([
      [704, 'ENSC entry of 2026-02-27'],
      [714, 'ENSC entry of 2026-03-02'],
      [724, 'TPET entry of 2026-03-03'],
    ]);
  });

  it('refuses every snapshot when no equity is given, and publishes the runs all the same', () => {
    const without = importFiles('scan-log', [LOG], { context: IMPORT_CONTEXT, holdings: tracking.holdings });
    expect(without.positions).toEqual([]);
    expect(without.runs).toHaveLength(33);
    expect(without.refusals.filter((r) => r.code === 'NO_EQUITY')).toHaveLength(7);
    expect(without.refusals.find((r) => r.code === 'NO_EQUITY')!.message).toContain('--equity');
  });

  it('takes equity from the account rows of a portfolio log on the snapshot date, never from another day', () => {
    const portfolioLog = [
      'Date,Symbol,Qty,Entry,Current,P&L,P&L %,Action Taken',
      '2026-02-10,RIG,55,$5.35,$5.40,$+2.75,+0.9%,',
      '2026-02-10,2026-02-10 13:00:01,101536.93,99521.17,2015.76,186.18,18',
      '2026-02-10,2026-02-10 14:03:45,101536.24,99521.17,2015.07,185.32,18',
    ].join('\n');
    const parsed = equityFromFile(portfolioLog, 'portfolio_daily_log.csv');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(equityAt(parsed.source, day('2026-02-10'))).toBe(101536.24);
    expect(equityAt(parsed.source, day('2026-02-11'))).toBeUndefined();
    const logged = importFiles('scan-log', [LOG], {
      context: IMPORT_CONTEXT,
      equity: parsed.source,
      holdings: tracking.holdings,
    });
    // The RIG entry and the PTNM exit fall on 2026-02-10; every other snapshot's day has no account row.
    expect(logged.positions.map((p) => [p.symbol, p.quantity, p.account_equity])).toEqual([
      ['RIG', 55, 101536.24],
      ['PTNM', 0, 101536.24],
    ]);
  });
});

describe('holdings files as positions', () => {
  const asOf = Date.parse('2026-03-04T21:00:00Z'); // 13:00 in Los Angeles

  it('reads portfolio_tracking.csv ("$" strings, fractional shares, placeholder theses) and dates the entries from the scan log', () => {
    expect(tracking.refusals).toEqual([]);
    expect(tracking.holdings).toHaveLength(17);
    expect(tracking.holdings.find((h) => h.symbol === 'UUUU')).toMatchObject({
      quantity: 0.342987174,
      avgEntryPrice: 24.17,
    });
    expect(tracking.holdings.find((h) => h.symbol === 'PAII.U')).toMatchObject({
      quantity: 9,
      avgEntryPrice: 10.22,
    });
    const batch = importFiles(
      'positions',
      [{ name: 'portfolio_tracking.csv', text: fixtureText('portfolio_tracking.csv') }],
      {
        context: IMPORT_CONTEXT,
        asOf,
        equity: fixed(101_609.63),
        entries,
      },
    );
    expect(
      batch.positions.map((p) => [p.symbol, p.quantity, p.avg_entry_price, p.entry_date, p.thesis]),
    ).toEqual([
      ['PAAA', 3, 51.4, day('2026-02-12'), entries[2]!.thesis],
      ['RIG', 55, 5.35, day('2026-02-10'), entries[0]!.thesis],
      ['USEG', 266, 1.13, day('2026-03-04'), entries[6]!.thesis],
    ]);
    const noEntry = batch.refusals.filter((r) => r.code === 'NO_ENTRY_DATE');
    expect(noEntry).toHaveLength(14);
    expect(noEntry[0]).toMatchObject({
      file: 'portfolio_tracking.csv',
      line: 2,
      message: expect.stringContaining('CFLT'),
    });
  });

  it('refuses rows dated another day than --as-of (a stale file)', () => {
    const batch = importFiles('positions', [{ name: 'p.csv', text: fixtureText('portfolio_tracking.csv') }], {
      context: IMPORT_CONTEXT,
      asOf: Date.parse('2026-03-05T21:00:00Z'),
      equity: fixed(1),
      entries,
    });
    expect(batch.positions).toEqual([]);
    expect(new Set(batch.refusals.map((r) => r.code))).toEqual(new Set(['DATE_MISMATCH']));
  });

  it('reads an Alpaca /v2/positions answer (numbers as strings) and refuses a short position and a bad symbol by line', () => {
    const alpaca = JSON.stringify(
      [
        { symbol: 'USEG', qty: '266', avg_entry_price: '1.125', side: 'long', current_price: '1.14' },
        { symbol: 'RIG', qty: '-5', avg_entry_price: '5.345', side: 'short' },
        { symbol: 'X:BTCUSD', qty: '1', avg_entry_price: '60000', side: 'long' },
      ],
      null,
      2,
    );
    const batch = importFiles('positions', [{ name: 'positions.json', text: alpaca }], {
      context: IMPORT_CONTEXT,
      asOf,
      equity: fixed(101_609.63),
      entries,
    });
    expect(batch.positions).toEqual([
      {
        symbol: 'USEG',
        quantity: 266,
        avg_entry_price: 1.125,
        entry_date: day('2026-03-04'),
        thesis: entries[6]!.thesis,
        account_equity: 101_609.63,
        as_of: asOf,
      },
    ]);
    expect(batch.refusals.map((r) => [r.line, r.code])).toEqual([
      [9, 'OUT_OF_RANGE'],
      [15, 'BAD_SYMBOL_FORMAT'],
    ]);
  });
});
