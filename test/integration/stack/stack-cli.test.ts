import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { stackStatus } from '../../../stack/stack.ts';

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  return spawnSync(tsx, [path.join(REPO_ROOT, 'stack', 'cli.ts'), ...args], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
}

const onLocalStack = process.env.AMC_TEST_SERVICES === 'local-stack';

describe.skipIf(!onLocalStack)('stack commands', () => {
  it('up on a running stack is harmless: exit 0, the same processes keep running', async () => {
    const before = await stackStatus();
    const result = cli(['up']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('already up');
    const after = await stackStatus();
    expect(after.map((s) => [s.name, s.pid])).toEqual(before.map((s) => [s.name, s.pid]));
    expect(after.every((s) => s.answers)).toBe(true);
  });

  it('status names each service with its address, pid and whether it answers', () => {
    const result = cli(['status']);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^kafka\s+127\.0\.0\.1:9092\s+\d+\s+yes$/m);
    expect(result.stdout).toMatch(/^clickhouse\s+http:\/\/127\.0\.0\.1:8123\s+\d+\s+yes$/m);
  });

  it('down on a stopped stack is harmless, twice', () => {
    const emptyStack = mkdtempSync(path.join(tmpdir(), 'amc-stack-'));
    try {
      for (let i = 0; i < 2; i++) {
        const result = cli(['down'], { ...process.env, AMC_STACK_DIR: emptyStack });
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain('nothing was running');
      }
    } finally {
      rmSync(emptyStack, { recursive: true, force: true });
    }
  });

  it('an unknown command is a usage error, not a crash', () => {
    const result = cli(['sideways']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage:');
  });
});
