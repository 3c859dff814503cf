// Account equity for a position snapshot, from what the user has: a number
// (--equity 101518.99), Alpaca's /v2/account JSON (its equity), or a
// portfolio log whose account rows carry the equity at a logged time. Never
// a default: a snapshot without equity is refused.
import { parseCsvRecords } from './csv.ts';
import { numberField } from './fields.ts';
import {
  instantOfWallTime,
  isoDateOfWallTime,
  parseWallTime,
  UPSTREAM_TIME_ZONE,
  upstreamDateOf,
} from './local-time.ts';

export type EquitySource =
  | { readonly kind: 'fixed'; readonly equity: number; readonly label: string }
  | {
      readonly kind: 'log';
      readonly file: string;
      /** Account rows in file order: upstream-local date, instant and equity. */
      readonly rows: readonly { readonly date: string; readonly instant: number; readonly equity: number }[];
    };

export type EquityParse =
  | { readonly ok: true; readonly source: EquitySource }
  | { readonly ok: false; readonly message: string };

/** A plain number given on the command line. */
export function fixedEquity(text: string): EquityParse | undefined {
  const value = numberField(text, '--equity');
  if (!value.ok) return undefined;
  return value.value > 0
    ? { ok: true, source: { kind: 'fixed', equity: value.value, label: '--equity' } }
    : { ok: false, message: `--equity ${text} must be positive` };
}

/**
 * Equity from a file: Alpaca's account JSON, or a portfolio log's account
 * rows (date, 'YYYY-MM-DD HH:MM:SS', equity, cash, ...), told apart from its
 * position rows (date, symbol, qty, ...) by the time in the second column.
 */
export function equityFromFile(text: string, file: string): EquityParse {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, message: `${file} is not JSON: ${(error as Error).message}` };
    }
    const equity = numberField((json as Record<string, unknown>).equity, 'equity');
    if (!equity.ok || !(equity.value > 0))
      return {
        ok: false,
        message: `${file} has no positive equity field (an Alpaca /v2/account answer has one)`,
      };
    return { ok: true, source: { kind: 'fixed', equity: equity.value, label: file } };
  }
  const rows: { date: string; instant: number; equity: number }[] = [];
  for (const record of parseCsvRecords(text).records) {
    const [, logged, equityText] = record.fields;
    if (logged === undefined || !/\d{2}:\d{2}/.test(logged)) continue;
    const wall = parseWallTime(logged);
    const instant = wall && instantOfWallTime(wall, UPSTREAM_TIME_ZONE);
    const equity = numberField(equityText, 'equity');
    if (!wall || instant === undefined || !equity.ok || !(equity.value > 0)) continue;
    rows.push({ date: isoDateOfWallTime(wall), instant, equity: equity.value });
  }
  if (rows.length === 0)
    return { ok: false, message: `${file} has no account rows (date, time, equity, ...)` };
  return { ok: true, source: { kind: 'log', file, rows } };
}

/**
 * The equity at a snapshot: the fixed value, or the last account row logged
 * on the snapshot's upstream-local date (upstream logs the account once or
 * twice a day; another day's equity is not taken for this one).
 */
export function equityAt(source: EquitySource, asOf: number): number | undefined {
  if (source.kind === 'fixed') return source.equity;
  const date = upstreamDateOf(asOf);
  return source.rows.filter((row) => row.date === date).at(-1)?.equity;
}

export function describeEquitySource(source: EquitySource | undefined): string {
  if (!source) return 'no equity given (--equity <number | account JSON | portfolio log>)';
  return source.kind === 'fixed'
    ? `equity from ${source.label}`
    : `no account row on that date in ${source.file}`;
}
