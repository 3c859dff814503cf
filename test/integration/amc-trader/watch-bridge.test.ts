import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEndpoints } from '../../../config/endpoints.ts';
import { REPO_ROOT, tsxLoaderUrl } from '../../../stack/paths.ts';
import { fixtureText } from '../../support/amc-trader-fixtures.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';
import { killHard } from '../../support/reference-run.ts';
import { readAvro, testSerde } from '../../support/tracker-run.ts';

/** `npm run import:amc-trader -- watch DIR`, its output collected line by line. */
function startBridge(dir: string, prefix: string): { child: ChildProcess; lines: string[] } {
  const endpoints = loadEndpoints();
  const { INIT_CWD: _ignored, ...env } = process.env;
  const child = spawn(
    process.execPath,
    ['--import', tsxLoaderUrl(), path.join(REPO_ROOT, 'bin/import-amc-trader.ts'), 'watch', dir],
    {
      cwd: REPO_ROOT,
      env: {
        ...env,
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
        AMC_TOPIC_PREFIX: prefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const collect = (chunk: Buffer) =>
    lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== ''),
    );
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, lines };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('the live bridge, run as a user runs it', () => {
  const kafka = testKafka();
  const serde = testSerde();
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  afterAll(async () => {
    for (const child of children) await killHard(child);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('publishes a scan written, rewritten unchanged, restarted, then changed as exactly two runs', async () => {
    const prefix = `${uniqueName('amc-bridge')}.`;
    const topic = `${prefix}amc.discovery.runs.v1`;
    await createTopics(kafka, [topic], { partitions: 3 });
    const dir = await mkdtemp(path.join(tmpdir(), 'amc-scanner-'));
    dirs.push(dir);
    const scanFile = path.join(dir, 'diamonds_v4.json');
    const v4 = fixtureText('diamonds_v4.json');
    await writeFile(path.join(dir, 'scanner_weights.json'), fixtureText('scanner_weights.json'));

    const first = startBridge(dir, prefix);
    children.push(first.child);
    await until(() => first.lines.some((l) => l.startsWith('watching')), 'the bridge to start');
    await writeFile(scanFile, v4);
    await until(() => first.lines.some((l) => l.startsWith('published')), 'the first publication');
    await writeFile(scanFile, v4); // the scanner rewrites the same scan
    await new Promise((r) => setTimeout(r, 1500));
    expect(await stop(first.child)).toBe(0);

    const second = startBridge(dir, prefix);
    children.push(second.child);
    await until(() => second.lines.some((l) => l.startsWith('watching')), 'the restarted bridge');
    await writeFile(scanFile, v4.replace('"scan_time": "16:46:45"', '"scan_time": "17:46:45"'));
    await until(() => second.lines.some((l) => l.startsWith('published')), 'the changed scan');
    expect(await stop(second.child)).toBe(0);

    expect(first.lines.filter((l) => l.startsWith('published'))).toEqual([
      `published amc-trader-20260210-164645 (500 candidates) from diamonds_v4.json`,
    ]);
    expect(second.lines.filter((l) => l.startsWith('published'))).toEqual([
      `published amc-trader-20260210-174645 (500 candidates) from diamonds_v4.json`,
    ]);
    const runs = await readAvro(
      kafka,
      serde,
      topic,
      'amc.discovery.runs.v1',
      (r) => r.length >= 2,
      30_000,
      2000,
    );
    expect(runs.map((r) => r.run_id)).toEqual(
      expect.arrayContaining(['amc-trader-20260210-164645', 'amc-trader-20260210-174645']),
    );
    expect(runs).toHaveLength(2);
  }, 120_000);
});
