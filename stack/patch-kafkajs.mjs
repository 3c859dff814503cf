// Runs after npm install: puts the project's fix for kafkajs' filtering of
// aborted transactions in place (stack/patches/filterAbortedMessages.js says
// what is wrong). It patches only the kafkajs version it was written for and
// fails loudly on any other, so an upgrade cannot silently drop the fix.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const PATCHED_VERSION = '2.2.4';

let packageJson;
try {
  packageJson = require.resolve('kafkajs/package.json');
} catch {
  process.exit(0); // kafkajs not installed (yet): nothing to patch
}
const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
if (version !== PATCHED_VERSION) {
  console.error(
    `[patch-kafkajs] kafkajs ${version} is installed; the aborted-transaction fix was written for ${PATCHED_VERSION}. ` +
      'Check whether the new version still needs it, then update stack/patches/.',
  );
  process.exit(1);
}
const target = path.join(path.dirname(packageJson), 'src', 'consumer', 'filterAbortedMessages.js');
if (!existsSync(target)) {
  console.error(`[patch-kafkajs] ${target} is missing`);
  process.exit(1);
}
copyFileSync(path.join(here, 'patches', 'filterAbortedMessages.js'), target);
