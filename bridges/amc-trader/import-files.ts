// One import: a kind and the texts of its files in, the records to publish
// and the refused rows out. No I/O: the command line reads the files.
import type { RuleContext } from '../../streams/serde/generic-checks.ts';
import { mapPolygonBars } from './bars.ts';
import { type ImportBatch, inEventTimeOrder, mergeBatches } from './batch.ts';
import type { EquitySource } from './equity.ts';
import { type Holding, parseHoldings } from './holdings.ts';
import { snapshotsFromEntries, snapshotsFromHoldings } from './positions.ts';
import { mapScanFile } from './scan-file.ts';
import { type LoggedEntry, mapScanLog } from './scan-log.ts';
import type { ScannerWeights } from './weights.ts';

export const IMPORT_KINDS = ['scan', 'scan-log', 'positions', 'bars'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface SourceFile {
  /** As the user named it: refusals cite it. */
  readonly name: string;
  readonly text: string;
}

export interface ImportOptions {
  readonly context: RuleContext;
  readonly scannedAt?: number;
  readonly weights?: ScannerWeights;
  readonly v3MaxPoints?: number;
  readonly equity?: EquitySource;
  /** Holdings that give the quantities of the scan log's entered rows. */
  readonly holdings?: readonly Holding[];
  /** The scan log's entered rows, which give a holding its entry date. */
  readonly entries?: readonly LoggedEntry[];
  readonly asOf?: number;
  readonly interval?: string;
}

function importOne(kind: ImportKind, file: SourceFile, options: ImportOptions): ImportBatch {
  const { context } = options;
  switch (kind) {
    case 'scan':
      return mapScanFile(file.text, { ...options, file: file.name });
    case 'scan-log': {
      const log = mapScanLog(file.text, { ...options, file: file.name });
      const positions = snapshotsFromEntries(log.entries, {
        equity: options.equity,
        holdings: options.holdings ?? [],
        context,
      });
      return mergeBatches([log, positions]);
    }
    case 'positions': {
      const parsed = parseHoldings(file.text, file.name);
      if (options.asOf === undefined) throw new RangeError('positions need an as-of time');
      const snapshots = snapshotsFromHoldings(parsed.holdings, {
        asOf: options.asOf,
        equity: options.equity,
        entries: options.entries ?? [],
        context,
      });
      return mergeBatches([{ ...snapshots, refusals: [...parsed.refusals, ...snapshots.refusals] }]);
    }
    case 'bars':
      return mapPolygonBars(file.text, { file: file.name, context, interval: options.interval });
  }
}

/** Every file of the kind, merged, in event-time order for publishing. */
export function importFiles(
  kind: ImportKind,
  files: readonly SourceFile[],
  options: ImportOptions,
): ImportBatch {
  return inEventTimeOrder(mergeBatches(files.map((file) => importOne(kind, file, options))));
}
