import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the stack's folders are placed relative to it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Data, logs and pids of the local stack (git-ignored). */
export const STACK_DIR = process.env.AMC_STACK_DIR ?? path.join(REPO_ROOT, '.stack');

/** Downloads reused across runs (git-ignored). */
export const CACHE_DIR = process.env.AMC_CACHE_DIR ?? path.join(REPO_ROOT, '.cache');

export function serviceDir(service: string): string {
  return path.join(STACK_DIR, service);
}
