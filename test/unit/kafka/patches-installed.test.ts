import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';

/*
 * The install puts every file of stack/patches/ in place of its kafkajs file:
 * the patch tests beside this one test the installed kafkajs, so they mean
 * something only if it is the patched one.
 */
const require = createRequire(import.meta.url);
const patchDir = path.join(REPO_ROOT, 'stack', 'patches');
const script = readFileSync(path.join(REPO_ROOT, 'stack', 'patch-kafkajs.mjs'), 'utf8');
const targets = [...script.matchAll(/\['([\w.]+\.js)', '(src\/[\w/.]+\.js)'\]/g)].map(
  ([, patch, target]) => ({
    patch: patch!,
    target: target!,
  }),
);

describe('kafkajs patches', () => {
  it('lists every file of stack/patches/ in the install script', () => {
    expect(targets.map((t) => t.patch).sort()).toEqual(readdirSync(patchDir).sort());
  });

  it.each(targets)('has $patch installed as kafkajs/$target', ({ patch, target }) => {
    const installed = readFileSync(require.resolve(`kafkajs/${target}`), 'utf8');
    expect(installed).toBe(readFileSync(path.join(patchDir, patch), 'utf8'));
  });
});
