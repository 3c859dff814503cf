// Reads the files the options name (weights, equity, holdings, entries) into
// the importer's options. A file that cannot be read or is not what the
// option expects is a usage error: nothing is imported half-configured.
import { readFile } from 'node:fs/promises';
import { DEFAULT_FUTURE_MARGIN_MS } from '../../../streams/serde/generic-checks.ts';
import { type EquitySource, equityFromFile, fixedEquity } from '../equity.ts';
import { parseHoldings } from '../holdings.ts';
import type { ImportOptions } from '../import-files.ts';
import { formatRefusal } from '../refusals.ts';
import { mapScanLog } from '../scan-log.ts';
import { parseScannerWeights } from '../weights.ts';
import type { ImporterArgs } from './args.ts';

export type LoadedOptions =
  | { readonly ok: true; readonly options: ImportOptions }
  | { readonly ok: false; readonly message: string };

class OptionError extends Error {}

async function read(flag: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new OptionError(`${flag} ${file}: ${(error as Error).message}`);
  }
}

async function equityOf(text: string): Promise<EquitySource> {
  const fixed = fixedEquity(text);
  if (fixed && !fixed.ok) throw new OptionError(fixed.message);
  if (fixed?.ok) return fixed.source;
  const parsed = equityFromFile(await read('--equity', text), text);
  if (!parsed.ok) throw new OptionError(`--equity ${parsed.message}`);
  return parsed.source;
}

/** The importer's options from the parsed arguments; `now` is the clock the future-time rule reads. */
export async function loadImportOptions(args: ImporterArgs, now: number): Promise<LoadedOptions> {
  const context = { now, futureMarginMs: DEFAULT_FUTURE_MARGIN_MS };
  try {
    let weights: ImportOptions['weights'];
    if (args.weightsFile !== undefined) {
      const parsed = parseScannerWeights(await read('--weights', args.weightsFile));
      if (!parsed.ok) throw new OptionError(`--weights ${args.weightsFile}: ${parsed.message}`);
      weights = parsed.weights;
    }
    let holdings: ImportOptions['holdings'];
    if (args.holdingsFile !== undefined) {
      const parsed = parseHoldings(await read('--holdings', args.holdingsFile), args.holdingsFile);
      if (parsed.format === undefined)
        throw new OptionError(`--holdings ${parsed.refusals.map(formatRefusal).join('; ')}`);
      holdings = parsed.holdings;
    }
    let entries: ImportOptions['entries'];
    if (args.entriesFile !== undefined) {
      const log = mapScanLog(await read('--entries', args.entriesFile), { file: args.entriesFile, context });
      const notALog = log.refusals.find((r) => r.code === 'NOT_AN_UPSTREAM_FILE');
      if (notALog) throw new OptionError(`--entries ${formatRefusal(notALog)}`);
      entries = log.entries;
    }
    return {
      ok: true,
      options: {
        context,
        scannedAt: args.scannedAt,
        weights,
        v3MaxPoints: args.v3MaxPoints,
        equity: args.equity === undefined ? undefined : await equityOf(args.equity),
        holdings,
        entries,
        asOf: args.asOf,
        interval: args.interval,
      },
    };
  } catch (error) {
    if (error instanceof OptionError) return { ok: false, message: error.message };
    throw error;
  }
}
