// Polygon aggregates, the market data AMC-TRADER scans with, as market bars:
// one ticker's range ({ticker, results: [{t, o, h, l, c, v}]}) or a grouped
// daily answer (every result names its ticker in T). Polygon's t is the
// start of the bar window in epoch ms, which is the contract's timestamp.
import type { MarketBar } from '../../schemas/types.generated.ts';
import type { RuleContext } from '../../streams/serde/generic-checks.ts';
import { type ImportBatch, refuseIfInvalid } from './batch.ts';
import { type FieldResult, isObject, numberField, symbolField } from './fields.ts';
import { valueLines } from './json-lines.ts';
import { type Refusal, refusal } from './refusals.ts';

export interface BarsOptions {
  readonly file: string;
  readonly context: RuleContext;
  /** Bar length of a single-ticker file (its answer does not say); grouped daily files are always 1d. */
  readonly interval?: string;
}

function barOf(result: Record<string, unknown>, ticker: unknown, interval: string): FieldResult<MarketBar> {
  const symbol = symbolField(ticker, 'ticker');
  if (!symbol.ok) return symbol;
  const values: number[] = [];
  for (const name of ['t', 'o', 'h', 'l', 'c', 'v']) {
    const value = numberField(result[name], `${symbol.value} ${name}`);
    if (!value.ok) return value;
    values.push(value.value);
  }
  const [t, o, h, l, c, v] = values as [number, number, number, number, number, number];
  return {
    ok: true,
    // Polygon reports some volumes with a fraction (aggregated odd lots); the contract counts whole shares.
    value: {
      symbol: symbol.value,
      interval,
      timestamp: t,
      open: o,
      high: h,
      low: l,
      close: c,
      volume: Math.round(v),
    },
  };
}

export function mapPolygonBars(text: string, options: BarsOptions): ImportBatch {
  const { file } = options;
  const refuseFile = (message: string): ImportBatch => ({
    runs: [],
    positions: [],
    bars: [],
    refusals: [refusal(file, 1, 'NOT_AN_UPSTREAM_FILE', message)],
    notices: [],
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuseFile(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(json) || !(Array.isArray(json.results) || json.resultsCount === 0)) {
    return refuseFile(
      'not a Polygon aggregates answer ({ticker, results: [{t, o, h, l, c, v}]} or grouped daily)',
    );
  }
  const results = (json.results ?? []) as unknown[];
  const grouped = typeof json.ticker !== 'string';
  if (grouped && !results.every((r) => isObject(r) && 'T' in r)) {
    return refuseFile('a Polygon answer with neither a ticker nor a T on every result');
  }
  const interval = grouped ? '1d' : (options.interval ?? '1d');
  const lines = valueLines(text, 2);
  const bars: MarketBar[] = [];
  const refusals: Refusal[] = [];
  results.forEach((result, index) => {
    const line = lines.get(`/results/${index}`) ?? 1;
    const mapped = isObject(result)
      ? barOf(result, grouped ? result.T : json.ticker, interval)
      : ({ ok: false, code: 'MISSING_FIELD', message: 'a result that is not an object' } as const);
    if (!mapped.ok) {
      refusals.push(refusal(file, line, mapped.code, mapped.message));
      return;
    }
    const problem = refuseIfInvalid('amc.market.bars.v1', mapped.value, { file, line }, options.context);
    if (problem) refusals.push({ ...problem, message: `${mapped.value.symbol}: ${problem.message}` });
    else bars.push(mapped.value);
  });
  const notices = results.length === 0 ? [`${file}: no results (Polygon answered with none)`] : [];
  return { runs: [], positions: [], bars, refusals, notices };
}
