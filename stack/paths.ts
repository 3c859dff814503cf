import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root: the stack's folders are placed relative to it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Data, logs and pids of the local stack (git-ignored). */
export const STACK_DIR = process.env.AMC_STACK_DIR ?? path.join(REPO_ROOT, '.stack');

/** Downloads reused across runs (git-ignored). */
export const CACHE_DIR = process.env.AMC_CACHE_DIR ?? path.join(REPO_ROOT, '.cache');

export function serviceDir(service: string): string {
  return path.join(STACK_DIR, service);
}

/**
 * The tsx loader as a file URL, for `node --import <it> file.ts`: one process
 * running TypeScript (the tsx command would put a wrapper process in between,
 * and a signal to the wrapper is not a signal to the program).
 */
export function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}
