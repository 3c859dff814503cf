// What the live bridge has published, kept across restarts: per file the
// hash of the content last handled and the run it named, and every run id
// published. Written only after Kafka acknowledged, and atomically (a
// temporary file renamed over the old one), so a crash leaves the old state
// or the new one, never half of either.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

export interface WatchedFile {
  readonly hash: string;
  /** The run the content named; null for a file that is not a scan. */
  readonly runId: string | null;
}

export interface BridgeState {
  readonly files: Readonly<Record<string, WatchedFile>>;
  readonly publishedRuns: readonly string[];
}

export const EMPTY_STATE: BridgeState = { files: {}, publishedRuns: [] };
const STATE_FILE = 'published-scans.json';

export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

export async function loadState(stateDir: string): Promise<BridgeState> {
  const file = path.join(stateDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_STATE;
    throw error;
  }
  try {
    const json = JSON.parse(text) as BridgeState;
    if (typeof json.files !== 'object' || !Array.isArray(json.publishedRuns))
      throw new Error('missing fields');
    return json;
  } catch (error) {
    // Starting over would publish every scan again: refuse loudly instead.
    throw new StateFileError(
      `${file} is not a bridge state file (${(error as Error).message}); move it away to start over`,
    );
  }
}

export async function saveState(stateDir: string, state: BridgeState): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const file = path.join(stateDir, STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(state, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

export function withFile(
  state: BridgeState,
  name: string,
  seen: WatchedFile,
  published?: string,
): BridgeState {
  return {
    files: { ...state.files, [name]: seen },
    publishedRuns:
      published === undefined || state.publishedRuns.includes(published)
        ? state.publishedRuns
        : [...state.publishedRuns, published],
  };
}
