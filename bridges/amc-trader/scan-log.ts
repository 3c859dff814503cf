// scanner_performance.csv, one row per candidate per scan, as one run per
// (scan_date, scan_time), plus the rows the user marked as entered. A scan
// logged with every score 0 carries no score (V4 writes total_score, not
// score; manual rows are typed in with 0): it is refused rather than
// published with made-up zeros, and its scan file publishes it under the
// same run id.
import type { DiscoveryCandidate } from '../../schemas/types.generated.ts';
import type { RuleContext } from '../../streams/serde/generic-checks.ts';
import type { ImportBatch } from './batch.ts';
import { parseCsvTable } from './csv.ts';
import { type FieldResult, numberField, optionalNumberField, symbolField, textField } from './fields.ts';
import { instantOfWallTime, isoDateOfWallTime, parseWallTime, UPSTREAM_TIME_ZONE } from './local-time.ts';
import { pointsCandidate } from './points-candidate.ts';
import { type Refusal, refusal } from './refusals.ts';
import { assembleRun, type CandidateRow, scanHeader } from './run-assembly.ts';
import { runIdOf } from './run-id.ts';
import { V3_MAX_POINTS } from './scores.ts';
import { parametersFor, type ScannerWeights, weightsNotice } from './weights.ts';

export const SCAN_LOG_COLUMNS = [
  'scan_date',
  'scan_time',
  'symbol',
  'price_at_scan',
  'scanner_score',
  'entered',
];

/** Score columns upstream declares but has never filled (0 in every row): factors only where the file fills them. */
const OPTIONAL_FACTOR_COLUMNS = [
  'float_score',
  'momentum_score',
  'volume_score',
  'catalyst_score',
  'multiday_score',
  'float_shares',
  'change_pct',
];

/** A row the user marked entered=Yes: the trade as the log records it (dates are upstream-local). */
export interface LoggedEntry {
  readonly file: string;
  readonly line: number;
  readonly symbol: string;
  readonly entryDate: string;
  readonly entryPrice: number;
  readonly thesis: string | null;
  readonly exitDate: string | null;
  readonly exitPrice: number | null;
  readonly returnDollars: number | null;
}

export interface ScanLogOptions {
  readonly file: string;
  readonly context: RuleContext;
  readonly weights?: ScannerWeights;
  readonly v3MaxPoints?: number;
}

export interface ScanLogImport extends ImportBatch {
  readonly entries: readonly LoggedEntry[];
  /** Every scan the log names, published or not, with its row count. */
  readonly scans: readonly { readonly runId: string; readonly rows: number; readonly published: boolean }[];
}

type Values = Readonly<Record<string, string>>;
interface Row {
  readonly line: number;
  readonly values: Values;
}

function candidateOf(
  values: Values,
  filled: readonly string[],
  maxPoints: number,
): FieldResult<DiscoveryCandidate> {
  const base = pointsCandidate(
    {
      symbol: values.symbol,
      price: values.price_at_scan,
      points: values.scanner_score,
      viglBonus: values.vigl_bonus,
      viglMatch: values.vigl_match,
    },
    maxPoints,
  );
  if (!base.ok) return base;
  const factors = { ...base.value.factors };
  // rvol and volume are 0 where the scanner did not measure them; a 0 is absence, not a value.
  for (const name of ['rvol', 'volume', ...filled]) {
    const value = optionalNumberField(values[name], name);
    if (value.ok && value.value !== undefined && (value.value !== 0 || filled.includes(name))) {
      factors[name] = value.value;
    }
  }
  return {
    ok: true,
    value: { ...base.value, factors, thesis: textField(values.catalyst_text, ['unknown', 'none', 'n/a']) },
  };
}

function entryOf(file: string, row: Row): FieldResult<LoggedEntry> {
  const { values } = row;
  const symbol = symbolField(values.symbol);
  if (!symbol.ok) return symbol;
  const entryDate = parseWallTime(values.entry_date ?? '');
  if (!entryDate)
    return {
      ok: false,
      code: 'BAD_TIME',
      message: `${symbol.value} entered with entry_date "${values.entry_date ?? ''}"`,
    };
  const price = numberField(values.entry_price, `${symbol.value} entry_price`);
  if (!price.ok) return price;
  const exit = (values.exit_date ?? '').trim();
  const exitDate = exit === '' ? undefined : parseWallTime(exit);
  if (exit !== '' && !exitDate)
    return { ok: false, code: 'BAD_TIME', message: `${symbol.value} exit_date "${exit}"` };
  const exitPrice = optionalNumberField(values.exit_price, `${symbol.value} exit_price`);
  if (!exitPrice.ok) return exitPrice;
  const returnDollars = optionalNumberField(values.return_dollars, `${symbol.value} return_dollars`);
  if (!returnDollars.ok) return returnDollars;
  return {
    ok: true,
    value: {
      file,
      line: row.line,
      symbol: symbol.value,
      entryDate: isoDateOfWallTime(entryDate),
      entryPrice: price.value,
      thesis: textField(values.entry_thesis),
      exitDate: exitDate ? isoDateOfWallTime(exitDate) : null,
      exitPrice: exitPrice.value ?? null,
      returnDollars: returnDollars.value ?? null,
    },
  };
}

/** Contiguous runs of lines, so a scan's refusal names its rows as ranges. */
function lineBlocks(lines: readonly number[]): { first: number; last: number; rows: number }[] {
  const blocks: { first: number; last: number; rows: number }[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    const last = blocks.at(-1);
    if (last && line === last.last + 1)
      blocks[blocks.length - 1] = { ...last, last: line, rows: last.rows + 1 };
    else blocks.push({ first: line, last: line, rows: 1 });
  }
  return blocks;
}

export function mapScanLog(text: string, options: ScanLogOptions): ScanLogImport {
  const { file, context } = options;
  const table = parseCsvTable(text);
  const empty = { runs: [], positions: [], bars: [], notices: [], entries: [], scans: [] };
  const missing = SCAN_LOG_COLUMNS.filter((column) => !table.header.includes(column));
  if (missing.length > 0) {
    return {
      ...empty,
      refusals: [
        refusal(
          file,
          1,
          'NOT_AN_UPSTREAM_FILE',
          `not a scanner_performance.csv: no column ${missing.join(', ')}`,
        ),
      ],
    };
  }
  const refusals: Refusal[] = table.problems.map((p) => refusal(file, p.line, 'DAMAGED_ROW', p.message));
  const filled = OPTIONAL_FACTOR_COLUMNS.filter((column) =>
    table.rows.some((row) => {
      const value = optionalNumberField(row.values[column], column);
      return value.ok && value.value !== undefined && value.value !== 0;
    }),
  );
  const groups = new Map<string, Row[]>();
  for (const row of table.rows) {
    const key = `${row.values.scan_date?.trim()} ${row.values.scan_time?.trim()}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const runs: ScanLogImport['runs'][number][] = [];
  const notices: string[] = [];
  const scans: { runId: string; rows: number; published: boolean }[] = [];
  const beforeWeights: string[] = [];
  for (const [key, rows] of groups) {
    const wall = parseWallTime(key);
    const finishedAt = wall && instantOfWallTime(wall, UPSTREAM_TIME_ZONE);
    if (!wall || finishedAt === undefined) {
      for (const row of rows)
        refusals.push(
          refusal(file, row.line, 'BAD_TIME', `scan "${key}" is not a ${UPSTREAM_TIME_ZONE} time`),
        );
      continue;
    }
    const runId = runIdOf(wall);
    const scanDate = key.slice(0, 10);
    const unscored = rows.every(
      (row) =>
        numberField(row.values.scanner_score, 'scanner_score').ok && Number(row.values.scanner_score) === 0,
    );
    if (unscored) {
      for (const block of lineBlocks(rows.map((row) => row.line))) {
        refusals.push(
          refusal(
            file,
            block.first,
            'UNSCORED_ROW',
            `scan ${key} (run ${runId}) is logged with every scanner_score 0: not published with made-up scores; if the scan wrote a scan file (V4: diamonds_v4.json), import that: it names the same run`,
            { lastLine: block.last, rows: block.rows },
          ),
        );
      }
      scans.push({ runId, rows: rows.length, published: false });
      continue;
    }
    const candidateRows: CandidateRow[] = [];
    for (const row of rows) {
      const mapped = candidateOf(row.values, filled, options.v3MaxPoints ?? V3_MAX_POINTS);
      if (mapped.ok) candidateRows.push({ line: row.line, candidate: mapped.value });
      else refusals.push(refusal(file, row.line, mapped.code, mapped.message));
    }
    if (options.weights && weightsNotice(options.weights, runId, scanDate)) beforeWeights.push(runId);
    const header = scanHeader(runId, finishedAt, { parameters: parametersFor(options.weights, scanDate) });
    const assembled = assembleRun(file, header, candidateRows, context);
    refusals.push(...assembled.refusals);
    if (assembled.run) runs.push(assembled.run);
    scans.push({ runId, rows: rows.length, published: assembled.run !== undefined });
  }
  if (options.weights && beforeWeights.length > 0) {
    notices.push(
      `${beforeWeights.length} runs scanned before the weights (${options.weights.version ?? 'unversioned'}) came into force on ${options.weights.inForceFrom} are published without parameters (${beforeWeights[0]} to ${beforeWeights.at(-1)})`,
    );
  }
  const entries: LoggedEntry[] = [];
  for (const row of table.rows) {
    if ((row.values.entered ?? '').trim().toLowerCase() !== 'yes') continue;
    const entry = entryOf(file, row);
    if (entry.ok) entries.push(entry.value);
    else refusals.push(refusal(file, row.line, entry.code, entry.message));
  }
  refusals.sort((a, b) => a.line - b.line);
  return { runs, positions: [], bars: [], refusals, notices, entries, scans };
}
