import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as KafkaJs from 'kafkajs';

const require = createRequire(import.meta.url);

/** The performance patches of stack/patch-kafkajs.mjs, each measurable on its own. */
export const PERFORMANCE_PATCHES = {
  grouping: 'src/producer/groupMessagesPerPartition.js',
  recordEncoding: 'src/protocol/recordBatch/record/v0/index.js',
  produceRequest: 'src/protocol/requests/produce/v3/request.js',
  coordinators: 'src/producer/eosManager/index.js',
  keyHash: 'src/producer/partitioners/default/murmur2.js',
  checksum: 'src/protocol/recordBatch/crc32C/crc32C.js',
} as const;
export type PerformancePatch = keyof typeof PERFORMANCE_PATCHES;
export const ALL_PERFORMANCE_PATCHES = Object.keys(PERFORMANCE_PATCHES) as PerformancePatch[];

/** Consume-and-produce again with kafkajs' performance patches taken out one by one, the latest first. */
const TAKEN_OUT: readonly [PerformancePatch, string][] = [
  ['checksum', 'checksum'],
  ['keyHash', 'key hash'],
  ['produceRequest', 'produce request'],
];
export const LESS_PATCHED_COPIES: readonly {
  readonly what: string;
  readonly without: readonly PerformancePatch[];
}[] = [
  ...TAKEN_OUT.map(([, name], i) => ({
    what: i === 0 ? `installed kafkajs less its ${name} patch` : `less its ${name} patch too`,
    without: TAKEN_OUT.slice(0, i + 1).map(([patch]) => patch),
  })),
  { what: 'the original kafkajs 2.2.4', without: ALL_PERFORMANCE_PATCHES },
];

const copies: string[] = [];

/**
 * kafkajs as installed but with some performance patches taken back out: a
 * copy of the package in a temporary directory with those files' originals
 * (kept by the install as `.orig`) restored. The correctness patch stays in.
 * `ownCopy`: a copy even with every patch in, so that every row of the
 * ladder runs code of its own, none of it warmed up by the baselines.
 */
export function kafkajsWithout(patches: readonly PerformancePatch[], ownCopy = false): typeof KafkaJs {
  if (patches.length === 0 && !ownCopy) return require('kafkajs') as typeof KafkaJs;
  // The produce request's patch writes records with the record patch's functions.
  if (patches.includes('recordEncoding') && !patches.includes('produceRequest'))
    throw new Error('kafkajs without the record patch needs the produce request patch taken out too');
  const installed = path.dirname(require.resolve('kafkajs/package.json'));
  const copy = mkdtempSync(path.join(tmpdir(), 'amc-bench-kafkajs-'));
  copies.push(copy);
  cpSync(installed, copy, { recursive: true });
  for (const patch of patches) {
    const file = path.join(copy, PERFORMANCE_PATCHES[patch]);
    if (!existsSync(`${file}.orig`))
      throw new Error(`${PERFORMANCE_PATCHES[patch]}.orig is missing: run npm ci (the install keeps it)`);
    renameSync(`${file}.orig`, file);
  }
  return require(copy) as typeof KafkaJs;
}

export function removeKafkajsCopies(): void {
  for (const copy of copies.splice(0)) rmSync(copy, { recursive: true, force: true });
}
