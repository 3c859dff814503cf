// Runs after npm install: puts the project's fixes to kafkajs in place. Each
// file in stack/patches/ replaces one kafkajs source file and says at its top
// what was wrong. The script patches only the kafkajs version the fixes were
// written for and fails loudly on any other, so an upgrade cannot silently
// drop one. The replaced original is kept beside its file as `<name>.orig`:
// the unit tests compare against it and `npm run bench:runtime` measures it.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const PATCHED_VERSION = '2.2.4';

/** Patch file in stack/patches/ -> the kafkajs file it replaces. */
const PATCHES = [
  ['filterAbortedMessages.js', 'src/consumer/filterAbortedMessages.js'], // correctness: read_committed
  ['groupMessagesPerPartition.js', 'src/producer/groupMessagesPerPartition.js'], // quadratic grouping
  ['recordV0.js', 'src/protocol/recordBatch/record/v0/index.js'], // per-record encoding cost
  ['produceV3.js', 'src/protocol/requests/produce/v3/request.js'], // a request's copies; uses recordV0.js
  ['crc32C.js', 'src/protocol/recordBatch/crc32C/crc32C.js'], // a table lookup per byte of every batch
  ['murmur2.js', 'src/producer/partitioners/default/murmur2.js'], // BigInt arithmetic to hash each key
  ['eosManager.js', 'src/producer/eosManager/index.js'], // a coordinator lookup before every transactional request
];

let packageJson;
try {
  packageJson = require.resolve('kafkajs/package.json');
} catch {
  process.exit(0); // kafkajs not installed (yet): nothing to patch
}
const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
if (version !== PATCHED_VERSION) {
  console.error(
    `[patch-kafkajs] kafkajs ${version} is installed; the patches in stack/patches/ were written for ${PATCHED_VERSION}. ` +
      'Check whether the new version still needs each of them, then update stack/patches/.',
  );
  process.exit(1);
}
const root = path.dirname(packageJson);
for (const [patch, relative] of PATCHES) {
  const target = path.join(root, relative);
  if (!existsSync(target)) {
    console.error(`[patch-kafkajs] ${target} is missing`);
    process.exit(1);
  }
  const source = path.join(here, 'patches', patch);
  // Keep the original once: a later run (after a patch was edited, say) must not save a patch as the original.
  if (!existsSync(`${target}.orig`)) copyFileSync(target, `${target}.orig`);
  copyFileSync(source, target);
}
