// Holdings files as rows: Alpaca's /v2/positions answer (numbers as strings,
// no time, no entry date) and upstream's portfolio_tracking.csv, built from
// it ("$30.45" money strings, a date without a time, Entry Date "Unknown").
import { parseCsvTable } from './csv.ts';
import { numberField, symbolField, textField } from './fields.ts';
import { valueLines } from './json-lines.ts';
import { isoDateOfWallTime, parseWallTime } from './local-time.ts';
import { type Refusal, refusal } from './refusals.ts';

export interface Holding {
  readonly file: string;
  readonly line: number;
  readonly symbol: string;
  readonly quantity: number;
  readonly avgEntryPrice: number;
  /** Upstream-local ISO date the file gives for the whole snapshot, if any (portfolio_tracking's Date). */
  readonly fileDate: string | null;
  readonly thesis: string | null;
}

export interface HoldingsParse {
  readonly format: 'alpaca-positions' | 'portfolio-tracking' | undefined;
  readonly holdings: readonly Holding[];
  readonly refusals: readonly Refusal[];
}

/** Placeholders upstream writes where a thesis would go. */
const THESIS_PLACEHOLDERS = ['unknown', 'unknown - needs entry', 'none', 'n/a'];
const TRACKING_COLUMNS = ['Date', 'Symbol', 'Qty', 'Entry Price'];

function holdingOf(
  file: string,
  line: number,
  fields: { symbol: unknown; qty: unknown; price: unknown; thesis: unknown; date: string | null },
): Holding | Refusal {
  const symbol = symbolField(fields.symbol);
  if (!symbol.ok) return refusal(file, line, symbol.code, symbol.message);
  const quantity = numberField(fields.qty, `${symbol.value} quantity`);
  if (!quantity.ok) return refusal(file, line, quantity.code, quantity.message);
  const price = numberField(fields.price, `${symbol.value} average entry price`);
  if (!price.ok) return refusal(file, line, price.code, price.message);
  return {
    file,
    line,
    symbol: symbol.value,
    quantity: quantity.value,
    avgEntryPrice: price.value,
    fileDate: fields.date,
    thesis: textField(fields.thesis, THESIS_PLACEHOLDERS),
  };
}

const notHoldings = (file: string, message: string): HoldingsParse => ({
  format: undefined,
  holdings: [],
  refusals: [refusal(file, 1, 'NOT_AN_UPSTREAM_FILE', message)],
});

function split(items: readonly (Holding | Refusal)[]): { holdings: Holding[]; refusals: Refusal[] } {
  const holdings: Holding[] = [];
  const refusals: Refusal[] = [];
  for (const item of items) {
    if ('code' in item) refusals.push(item);
    else holdings.push(item);
  }
  return { holdings, refusals };
}

export function parseHoldings(text: string, file: string): HoldingsParse {
  if (text.trim().startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return notHoldings(file, `not JSON: ${(error as Error).message}`);
    }
    const items = json as unknown[];
    const alpaca = items.every(
      (item) => typeof item === 'object' && item !== null && 'qty' in item && 'avg_entry_price' in item,
    );
    if (!alpaca) {
      return notHoldings(file, 'not an Alpaca /v2/positions answer (objects with qty and avg_entry_price)');
    }
    const lines = valueLines(text, 1);
    const rows = items.map((item, index) => {
      const position = item as Record<string, unknown>;
      return holdingOf(file, lines.get(`/${index}`) ?? 1, {
        symbol: position.symbol,
        qty: position.qty,
        price: position.avg_entry_price,
        thesis: undefined,
        date: null,
      });
    });
    return { format: 'alpaca-positions', ...split(rows) };
  }
  const table = parseCsvTable(text);
  const missing = TRACKING_COLUMNS.filter((column) => !table.header.includes(column));
  if (missing.length > 0) {
    return notHoldings(
      file,
      `neither Alpaca positions JSON nor portfolio_tracking.csv: no column ${missing.join(', ')}`,
    );
  }
  const rows = table.rows.map(({ line, values }) => {
    const date = parseWallTime(values.Date ?? '');
    if (!date) return refusal(file, line, 'BAD_TIME', `Date "${values.Date ?? ''}" is not a date`);
    return holdingOf(file, line, {
      symbol: values.Symbol,
      qty: values.Qty,
      price: values['Entry Price'],
      thesis: values.Thesis,
      date: isoDateOfWallTime(date),
    });
  });
  const damaged = table.problems.map((p) => refusal(file, p.line, 'DAMAGED_ROW', p.message));
  const parts = split(rows);
  return {
    format: 'portfolio-tracking',
    holdings: parts.holdings,
    refusals: [...damaged, ...parts.refusals],
  };
}
