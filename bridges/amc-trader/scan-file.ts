// A scanner output file as one discovery run. V4 (diamonds_v4.json) carries
// its scan time, gates and 0-100 scores; V3 (diamonds.json) is a bare list of
// candidates in points, with no time: the caller must say when it ran.
import type { DiscoveryCandidate, DiscoveryStage } from '../../schemas/types.generated.ts';
import type { RuleContext } from '../../streams/serde/generic-checks.ts';
import type { ImportBatch } from './batch.ts';
import {
  type FieldResult,
  isObject,
  numberField,
  optionalNumberField,
  symbolField,
  textField,
} from './fields.ts';
import { valueLines } from './json-lines.ts';
import {
  instantOfWallTime,
  isoDateOfWallTime,
  parseWallTime,
  UPSTREAM_TIME_ZONE,
  wallTimeOf,
} from './local-time.ts';
import { pointsCandidate } from './points-candidate.ts';
import { type Refusal, refusal } from './refusals.ts';
import { assembleRun, type CandidateRow, scanHeader } from './run-assembly.ts';
import { runIdOf } from './run-id.ts';
import { compositeFromV4, V3_MAX_POINTS, viglFromBonus } from './scores.ts';
import { parametersFor, type ScannerWeights, weightsNotice } from './weights.ts';

export type ScanFormat = 'v4' | 'v3';

export interface ScanFileOptions {
  readonly file: string;
  readonly context: RuleContext;
  /** When a V3 file's scan ran (it records no time); ignored for V4. */
  readonly scannedAt?: number;
  readonly weights?: ScannerWeights;
  readonly v3MaxPoints?: number;
}

/** V4 by its scan header and candidates list; V3 as a list of objects with a symbol and a points score. */
export function detectScanFormat(json: unknown): ScanFormat | undefined {
  if (isObject(json) && typeof json.scan_date === 'string' && Array.isArray(json.candidates)) return 'v4';
  if (
    Array.isArray(json) &&
    json.every((item) => isObject(item) && 'symbol' in item && ('score' in item || 'vigl_match' in item))
  ) {
    return 'v3';
  }
  return undefined;
}

/** Upstream's status marks before a factor's text ("✅ ...", "⚠️  ..."), which are not part of a thesis. */
const STATUS_MARKS = /^(?:\s|\u2705|\u26a0|\u274c|\u2757|\ufe0f|\u{1f525}|\u{1f680})+/u;

type Mapper = (item: Record<string, unknown>) => FieldResult<DiscoveryCandidate>;

function candidateRows(
  items: readonly unknown[],
  lineOf: (index: number) => number,
  mapper: Mapper,
  file: string,
): { rows: CandidateRow[]; refusals: Refusal[] } {
  const rows: CandidateRow[] = [];
  const refusals: Refusal[] = [];
  items.forEach((item, index) => {
    const line = lineOf(index);
    const mapped = isObject(item)
      ? mapper(item)
      : ({ ok: false, code: 'MISSING_FIELD', message: 'a candidate that is not an object' } as const);
    if (mapped.ok) rows.push({ line, candidate: mapped.value });
    else refusals.push(refusal(file, line, mapped.code, mapped.message));
  });
  return { rows, refusals };
}

function numbersOf(item: Record<string, unknown>, names: readonly string[]): Record<string, number> {
  const factors: Record<string, number> = {};
  for (const name of names) {
    const value = item[name];
    if (typeof value === 'number' && Number.isFinite(value)) factors[name] = value;
  }
  return factors;
}

function v4Candidate(dropRvol: boolean): Mapper {
  return (item) => {
    const symbol = symbolField(item.symbol);
    if (!symbol.ok) return symbol;
    const price = numberField(item.price, `${symbol.value} price`);
    if (!price.ok) return price;
    const total = numberField(item.total_score, `${symbol.value} total_score`);
    if (!total.ok) return total;
    const bonus = optionalNumberField(item.vigl_bonus, `${symbol.value} vigl_bonus`);
    if (!bonus.ok) return bonus;
    const components = isObject(item.components)
      ? numbersOf(item.components, Object.keys(item.components))
      : {};
    const extra = ['base_score', 'vigl_bonus', 'explosion_probability', 'change_pct', 'volume'];
    const factors = { ...components, ...numbersOf(item, dropRvol ? extra : [...extra, 'rvol']) };
    return {
      ok: true,
      value: {
        symbol: symbol.value,
        price: price.value,
        composite_score: compositeFromV4(total.value),
        vigl_score: viglFromBonus(bonus.value ?? 0),
        factors,
        thesis: null,
      },
    };
  };
}

function v3Candidate(maxPoints: number): Mapper {
  return (item) => {
    const base = pointsCandidate(
      {
        symbol: item.symbol,
        price: item.price,
        points: item.score,
        viglBonus: item.vigl_bonus,
        viglMatch: item.vigl_match,
      },
      maxPoints,
    );
    if (!base.ok) return base;
    const numeric = ['rvol', 'volume', 'gap_pct', 'days_to_cover', 'short_ratio', 'gross_score', 'penalties'];
    const catalyst = textField(item.catalyst, ['unknown', 'none', 'n/a']);
    return {
      ok: true,
      value: {
        ...base.value,
        factors: { ...base.value.factors, ...numbersOf(item, numeric) },
        thesis: catalyst === null ? null : textField(catalyst.replace(STATUS_MARKS, '')),
      },
    };
  };
}

/** Gates in file order as stages: each passes its count on; the first one's input is not recorded. */
function stagesOf(gates: unknown): DiscoveryStage[] {
  if (!isObject(gates)) return [];
  const stages: DiscoveryStage[] = [];
  let previousOut: number | undefined;
  for (const [key, gate] of Object.entries(gates)) {
    if (!isObject(gate) || typeof gate.passed !== 'number') continue;
    const description = typeof gate.description === 'string' ? gate.description : '';
    const slug = description
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '');
    stages.push({
      name: slug === '' ? key : `${key}_${slug}`,
      duration_ms: null,
      // The file has no universe size: the first gate's input is what it passed.
      symbols_in: previousOut ?? gate.passed,
      symbols_out: gate.passed,
      rejections: {},
    });
    previousOut = gate.passed;
  }
  return stages;
}

function wholeFile(file: string, code: Refusal['code'], message: string, rows = 1): ImportBatch {
  return {
    runs: [],
    positions: [],
    bars: [],
    refusals: [refusal(file, 1, code, message, rows > 1 ? { lastLine: 1, rows } : undefined)],
    notices: [],
  };
}

export function mapScanFile(text: string, options: ScanFileOptions): ImportBatch {
  const { file } = options;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return wholeFile(file, 'NOT_AN_UPSTREAM_FILE', `not JSON: ${(error as Error).message}`);
  }
  const format = detectScanFormat(json);
  if (format === undefined) {
    return wholeFile(
      file,
      'NOT_AN_UPSTREAM_FILE',
      'neither a V4 scan (scan_date, candidates) nor a V3 list of scored candidates',
    );
  }
  const lines = valueLines(text, 2);
  const notices: string[] = [];
  let finishedAt: number;
  let items: unknown[];
  let mapper: Mapper;
  let lineOf: (index: number) => number;
  let stages: DiscoveryStage[] = [];
  if (format === 'v4') {
    const scan = json as Record<string, unknown>;
    const wall = parseWallTime(`${String(scan.scan_date)} ${String(scan.scan_time ?? '')}`.trim());
    const instant = wall && instantOfWallTime(wall, UPSTREAM_TIME_ZONE);
    if (!wall || instant === undefined) {
      return wholeFile(
        file,
        'BAD_TIME',
        `scan_date "${scan.scan_date}" scan_time "${scan.scan_time}" is not a ${UPSTREAM_TIME_ZONE} time`,
      );
    }
    finishedAt = instant;
    items = scan.candidates as unknown[];
    // rvol 1.0 on every candidate is the scanner's fallback when its history lookup failed: not a measurement.
    const rvolFallback = items.length > 0 && items.every((item) => isObject(item) && item.rvol === 1);
    mapper = v4Candidate(rvolFallback);
    lineOf = (index) => lines.get(`/candidates/${index}`) ?? 1;
    stages = stagesOf(scan.gates);
    if (options.weights)
      notices.push(`${file}: the V3 weights do not apply to a V4 scan; published without parameters`);
  } else {
    items = json as unknown[];
    if (options.scannedAt === undefined) {
      return wholeFile(
        file,
        'BAD_TIME',
        'a V3 scan file records no scan time: give --scanned-at',
        Math.max(items.length, 1),
      );
    }
    finishedAt = Math.floor(options.scannedAt / 1000) * 1000;
    mapper = v3Candidate(options.v3MaxPoints ?? V3_MAX_POINTS);
    lineOf = (index) => lines.get(`/${index}`) ?? 1;
  }
  const wall = wallTimeOf(finishedAt, UPSTREAM_TIME_ZONE);
  const runId = runIdOf(wall);
  const scanDate = isoDateOfWallTime(wall);
  const weights = format === 'v3' ? options.weights : undefined;
  const notice = weights && weightsNotice(weights, runId, scanDate);
  if (notice) notices.push(notice);
  const header = scanHeader(runId, finishedAt, { stages, parameters: parametersFor(weights, scanDate) });
  const { rows, refusals } = candidateRows(items, lineOf, mapper, file);
  const assembled = assembleRun(file, header, rows, options.context);
  return {
    runs: assembled.run ? [assembled.run] : [],
    positions: [],
    bars: [],
    refusals: [...refusals, ...assembled.refusals].sort((a, b) => a.line - b.line),
    notices,
  };
}
