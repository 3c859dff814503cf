// The live bridge's loop: look over the scanner's folder when it changes
// (and on a timer, since file-change events can be missed), publish each scan
// file's run once, and remember it only after Kafka acknowledged it.
//
// At-least-once window: a crash after Kafka acknowledged a run and before the
// state file was renamed into place publishes that run again on restart. It
// carries the same run id, which the fanout recognises, so downstream it adds
// nothing.
import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RuleContext } from '../../../streams/serde/generic-checks.ts';
import type { BatchTarget } from '../publish-batch.ts';
import { publishBatch } from '../publish-batch.ts';
import type { Refusal } from '../refusals.ts';
import type { ScannerWeights } from '../weights.ts';
import { decideScanFile, type FolderFile } from './scan-decision.ts';
import { type BridgeState, loadState, saveState, withFile } from './state.ts';

/** The scan log's name in the scanner's folder; a V3 scan file's time is read from it. */
export const SCAN_LOG_NAME = 'scanner_performance.csv';

export type WatchEvent =
  | { readonly type: 'PUBLISHED'; readonly file: string; readonly runId: string; readonly candidates: number }
  | { readonly type: 'SKIPPED'; readonly file: string; readonly reason: string }
  | { readonly type: 'WAITING'; readonly file: string; readonly reason: string }
  | { readonly type: 'REFUSED'; readonly refusal: Refusal }
  | { readonly type: 'NOTICE'; readonly message: string }
  | { readonly type: 'FAILED'; readonly file: string; readonly error: Error };

export interface WatcherOptions {
  readonly dir: string;
  readonly stateDir: string;
  readonly target: BatchTarget;
  readonly onEvent: (event: WatchEvent) => void;
  /** The clock the future-time rule reads. */
  readonly now: () => number;
  readonly futureMarginMs: number;
  readonly weights?: ScannerWeights;
  readonly v3MaxPoints?: number;
  readonly pollMs?: number;
}

export interface Watcher {
  /** Runs one look over the folder now (after any look under way). */
  pass(): Promise<void>;
  stop(): Promise<void>;
}

async function readFolderFile(dir: string, name: string): Promise<FolderFile | undefined> {
  try {
    const file = path.join(dir, name);
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { name, text, modifiedAt: info.mtimeMs };
  } catch {
    return undefined; // removed between listing and reading
  }
}

export async function startWatcher(options: WatcherOptions): Promise<Watcher> {
  let state: BridgeState = await loadState(options.stateDir);
  const emit = options.onEvent;

  const handle = async (file: FolderFile, scanLog: FolderFile | undefined) => {
    const context: RuleContext = { now: options.now(), futureMarginMs: options.futureMarginMs };
    const decision = decideScanFile(file, state, {
      context,
      now: options.now(),
      weights: options.weights,
      v3MaxPoints: options.v3MaxPoints,
      scanLog,
    });
    if (decision.action === 'wait') {
      emit({ type: 'WAITING', file: file.name, reason: decision.reason });
      return;
    }
    if (decision.action === 'skip') {
      if (decision.remember) {
        if (state.files[file.name]?.hash !== decision.remember.hash) {
          emit({ type: 'SKIPPED', file: file.name, reason: decision.reason });
        }
        state = withFile(state, file.name, decision.remember);
        await saveState(options.stateDir, state);
      }
      return;
    }
    for (const refusal of decision.batch.refusals) emit({ type: 'REFUSED', refusal });
    for (const message of decision.batch.notices) emit({ type: 'NOTICE', message });
    await publishBatch(decision.batch, options.target);
    state = withFile(state, file.name, decision.remember, decision.runId);
    await saveState(options.stateDir, state);
    const candidates = decision.batch.runs[0]?.candidates.length ?? 0;
    emit({ type: 'PUBLISHED', file: file.name, runId: decision.runId, candidates });
  };

  const lookOver = async () => {
    let names: string[];
    try {
      names = (await readdir(options.dir, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      emit({ type: 'FAILED', file: options.dir, error: error as Error });
      return;
    }
    const scanLog = await readFolderFile(options.dir, SCAN_LOG_NAME);
    for (const name of names) {
      const file = await readFolderFile(options.dir, name);
      if (!file) continue;
      try {
        await handle(file, scanLog);
      } catch (error) {
        // Kafka or the disk failed: nothing is remembered, so the next look tries again.
        emit({ type: 'FAILED', file: name, error: error as Error });
      }
    }
  };

  // One look at a time; a change during a look asks for one more afterwards.
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  const pass = (): Promise<void> => {
    if (queued) return queued;
    queued = running.then(() => {
      queued = undefined;
      running = lookOver();
      return running;
    });
    return queued;
  };

  let debounce: NodeJS.Timeout | undefined;
  const fsWatcher: FSWatcher = watch(options.dir, () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void pass(), 200);
  });
  // The folder gone or unwatchable: say so; the timer keeps looking.
  fsWatcher.on('error', (error) => emit({ type: 'FAILED', file: options.dir, error }));
  const poll = setInterval(() => void pass(), options.pollMs ?? 5000);
  await pass();
  return {
    pass,
    async stop() {
      fsWatcher.close();
      clearInterval(poll);
      clearTimeout(debounce);
      await running;
      await queued;
    },
  };
}
