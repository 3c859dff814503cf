// Position snapshots from what upstream records of a trade. Every field
// comes from the data: a quantity the log does not hold is looked up in a
// holdings file or derived from the logged dollar return; an entry date a
// holdings file does not hold is looked up in the scan log's entered rows;
// equity comes from --equity. Whatever cannot be found refuses the row.
import type { PositionSnapshot } from '../../schemas/types.generated.ts';
import type { RuleContext } from '../../streams/serde/generic-checks.ts';
import type { ImportBatch } from './batch.ts';
import { refuseIfInvalid } from './batch.ts';
import { describeEquitySource, type EquitySource, equityAt } from './equity.ts';
import type { Holding } from './holdings.ts';
import { upstreamDateOf, upstreamInstant } from './local-time.ts';
import { type Refusal, refusal } from './refusals.ts';
import type { LoggedEntry } from './scan-log.ts';

/** Prices written by different upstream scripts agree to a cent or two: within 1% they name the same fill. */
const SAME_FILL_TOLERANCE = 0.01;
const sameFill = (a: number, b: number) => Math.abs(a - b) <= SAME_FILL_TOLERANCE * Math.max(a, b);

/** A date without a time is the start of that upstream-local day (the same date at the exchange). */
export function startOfUpstreamDay(isoDate: string): number {
  const parsed = upstreamInstant(isoDate);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.instant;
}

/**
 * Shares bought, from the data: the holding of the symbol at the same entry
 * price, else the logged dollar return over the price move (6 decimals, as
 * fractional shares allow).
 */
export function quantityOf(entry: LoggedEntry, holdings: readonly Holding[]): number | undefined {
  const held = holdings.find((h) => h.symbol === entry.symbol && sameFill(h.avgEntryPrice, entry.entryPrice));
  if (held) return held.quantity;
  if (entry.returnDollars === null || entry.exitPrice === null || entry.exitPrice === entry.entryPrice) {
    return undefined;
  }
  const shares = Math.round((entry.returnDollars / (entry.exitPrice - entry.entryPrice)) * 1e6) / 1e6;
  return shares > 0 ? shares : undefined;
}

export interface EntrySnapshotOptions {
  readonly equity?: EquitySource;
  readonly holdings: readonly Holding[];
  readonly context: RuleContext;
}

/** An entered row: a snapshot at entry, and one with quantity 0 at its exit. */
export function snapshotsFromEntries(
  entries: readonly LoggedEntry[],
  options: EntrySnapshotOptions,
): ImportBatch {
  const positions: PositionSnapshot[] = [];
  const refusals: Refusal[] = [];
  const accept = (snapshot: PositionSnapshot, entry: LoggedEntry, what: string) => {
    const equity = options.equity && equityAt(options.equity, snapshot.as_of);
    if (equity === undefined) {
      refusals.push(
        refusal(
          entry.file,
          entry.line,
          'NO_EQUITY',
          `${entry.symbol} ${what}: ${describeEquitySource(options.equity)}`,
        ),
      );
      return;
    }
    const record = { ...snapshot, account_equity: equity };
    const problem = refuseIfInvalid('amc.portfolio.positions.v1', record, entry, options.context);
    if (problem) refusals.push({ ...problem, message: `${entry.symbol} ${what}: ${problem.message}` });
    else positions.push(record);
  };
  for (const entry of entries) {
    const entryDate = startOfUpstreamDay(entry.entryDate);
    const snapshot = (quantity: number, asOf: number): PositionSnapshot => ({
      symbol: entry.symbol,
      quantity,
      avg_entry_price: entry.entryPrice,
      entry_date: entryDate,
      thesis: entry.thesis,
      account_equity: 0,
      as_of: asOf,
    });
    const quantity = quantityOf(entry, options.holdings);
    if (quantity === undefined) {
      refusals.push(
        refusal(
          entry.file,
          entry.line,
          'NO_QUANTITY',
          `${entry.symbol} entry of ${entry.entryDate}: the scan log has no quantity, no holding of it at ${entry.entryPrice} was given (--holdings) and no dollar return to derive it from`,
        ),
      );
    } else {
      accept(snapshot(quantity, entryDate), entry, `entry of ${entry.entryDate}`);
    }
    if (entry.exitDate !== null) {
      accept(snapshot(0, startOfUpstreamDay(entry.exitDate)), entry, `exit of ${entry.exitDate}`);
    }
  }
  return { runs: [], positions, bars: [], refusals, notices: [] };
}

/** The entered row that opened a holding: same symbol and fill price, entered by `asOf` and not exited before. */
export function entryFor(
  holding: Holding,
  entries: readonly LoggedEntry[],
  asOf: number,
): LoggedEntry | undefined {
  const date = upstreamDateOf(asOf);
  return entries
    .filter(
      (e) =>
        e.symbol === holding.symbol &&
        sameFill(e.entryPrice, holding.avgEntryPrice) &&
        e.entryDate <= date &&
        (e.exitDate === null || e.exitDate > date),
    )
    .sort((a, b) => a.entryDate.localeCompare(b.entryDate))
    .at(-1);
}

export interface HoldingSnapshotOptions {
  readonly asOf: number;
  readonly equity?: EquitySource;
  readonly entries: readonly LoggedEntry[];
  readonly context: RuleContext;
}

/** Holdings at one time (a positions file and --as-of) as snapshots. */
export function snapshotsFromHoldings(
  holdings: readonly Holding[],
  options: HoldingSnapshotOptions,
): ImportBatch {
  const positions: PositionSnapshot[] = [];
  const refusals: Refusal[] = [];
  const asOfDate = upstreamDateOf(options.asOf);
  const equity = options.equity && equityAt(options.equity, options.asOf);
  for (const holding of holdings) {
    const where = { file: holding.file, line: holding.line };
    if (holding.fileDate !== null && holding.fileDate !== asOfDate) {
      refusals.push(
        refusal(
          holding.file,
          holding.line,
          'DATE_MISMATCH',
          `${holding.symbol} is dated ${holding.fileDate}, the snapshot time is on ${asOfDate}`,
        ),
      );
      continue;
    }
    if (equity === undefined) {
      refusals.push(
        refusal(
          holding.file,
          holding.line,
          'NO_EQUITY',
          `${holding.symbol}: ${describeEquitySource(options.equity)}`,
        ),
      );
      continue;
    }
    const entry = entryFor(holding, options.entries, options.asOf);
    if (!entry) {
      refusals.push(
        refusal(
          holding.file,
          holding.line,
          'NO_ENTRY_DATE',
          `${holding.symbol}: the file records no entry date and no entered row of the scan log (--entries) matches it at ${holding.avgEntryPrice}`,
        ),
      );
      continue;
    }
    const record: PositionSnapshot = {
      symbol: holding.symbol,
      quantity: holding.quantity,
      avg_entry_price: holding.avgEntryPrice,
      entry_date: startOfUpstreamDay(entry.entryDate),
      thesis: holding.thesis ?? entry.thesis,
      account_equity: equity,
      as_of: options.asOf,
    };
    const problem = refuseIfInvalid('amc.portfolio.positions.v1', record, where, options.context);
    if (problem) refusals.push(problem);
    else positions.push(record);
  }
  return { runs: [], positions, bars: [], refusals, notices: [] };
}
