// What the bridge does with one file of the scanner's folder: nothing (seen
// before, not a scan, still being written, its run already published) or
// publish the run it holds. Pure: the caller reads the file and the state.
import { createHash } from 'node:crypto';
import type { RuleContext } from '../../../streams/serde/generic-checks.ts';
import type { ImportBatch } from '../batch.ts';
import { detectScanFormat, mapScanFile } from '../scan-file.ts';
import { mapScanLog } from '../scan-log.ts';
import type { ScannerWeights } from '../weights.ts';
import type { BridgeState, WatchedFile } from './state.ts';

export interface FolderFile {
  readonly name: string;
  readonly text: string;
  readonly modifiedAt: number;
}

export interface DecisionOptions {
  readonly context: RuleContext;
  readonly weights?: ScannerWeights;
  readonly v3MaxPoints?: number;
  /** The folder's scan log, if it has one: a V3 file's scan time is read from it. */
  readonly scanLog?: FolderFile;
  /** Wall clock, and how long after a V3 file was written its log row is waited for. */
  readonly now?: number;
  readonly logGraceMs?: number;
}

/** The scanner appends its log row right after writing the scan file; a minute covers a slow disk. */
export const DEFAULT_LOG_GRACE_MS = 60_000;

export type ScanDecision =
  | { readonly action: 'skip'; readonly reason: string; readonly remember?: WatchedFile }
  | { readonly action: 'wait'; readonly reason: string }
  | {
      readonly action: 'publish';
      readonly batch: ImportBatch;
      readonly remember: WatchedFile;
      readonly runId: string;
    };

export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A V3 file's scan time: the newest logged scan with exactly its symbols and
 * prices (the scanner appends the log in the same run, so the run id matches
 * a later scan-log import); undefined while that row may still come; else
 * when the file was written, to the second.
 */
export function v3ScanTime(
  file: FolderFile,
  items: readonly unknown[],
  options: DecisionOptions,
): number | undefined {
  const signature = (pairs: readonly (readonly [unknown, unknown])[]) =>
    pairs
      .map(([symbol, price]) => `${String(symbol)}@${Number(price)}`)
      .sort()
      .join(',');
  const wanted = signature(
    items.map((item) => [(item as Record<string, unknown>).symbol, (item as Record<string, unknown>).price]),
  );
  if (options.scanLog) {
    const log = mapScanLog(options.scanLog.text, { file: options.scanLog.name, context: options.context });
    const match = [...log.runs]
      .sort((a, b) => b.finished_at - a.finished_at)
      .find((run) => signature(run.candidates.map((c) => [c.symbol, c.price])) === wanted);
    if (match) return match.finished_at;
    const waited = (options.now ?? Number.POSITIVE_INFINITY) - file.modifiedAt;
    if (waited < (options.logGraceMs ?? DEFAULT_LOG_GRACE_MS)) return undefined;
  }
  return Math.floor(file.modifiedAt / 1000) * 1000;
}

export function decideScanFile(file: FolderFile, state: BridgeState, options: DecisionOptions): ScanDecision {
  const hash = contentHash(file.text);
  const previous = state.files[file.name];
  if (previous?.hash === hash) return { action: 'skip', reason: 'unchanged since it was last handled' };
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch {
    // The scanner writes in place: a half-written file is read again at its next change.
    return { action: 'wait', reason: 'not complete JSON yet' };
  }
  const format = detectScanFormat(json);
  if (format === undefined)
    return { action: 'skip', reason: 'not a scan file', remember: { hash, runId: null } };
  const scannedAt = format === 'v3' ? v3ScanTime(file, json as unknown[], options) : undefined;
  if (format === 'v3' && scannedAt === undefined) {
    return { action: 'wait', reason: `its row in ${options.scanLog?.name} is not there yet` };
  }
  const batch = mapScanFile(file.text, {
    file: file.name,
    context: options.context,
    scannedAt,
    weights: options.weights,
    v3MaxPoints: options.v3MaxPoints,
  });
  const run = batch.runs[0];
  if (!run)
    return { action: 'skip', reason: 'no run in it (every row refused)', remember: { hash, runId: null } };
  const remember = { hash, runId: run.run_id };
  if (state.publishedRuns.includes(run.run_id)) {
    return {
      action: 'skip',
      reason: `run ${run.run_id} was already published (a rewrite with the same scan time is not a new run)`,
      remember,
    };
  }
  return { action: 'publish', batch, remember, runId: run.run_id };
}
