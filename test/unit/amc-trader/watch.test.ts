import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decideScanFile } from '../../../bridges/amc-trader/watch/scan-decision.ts';
import { EMPTY_STATE } from '../../../bridges/amc-trader/watch/state.ts';
import { startWatcher, type WatchEvent } from '../../../bridges/amc-trader/watch/watcher.ts';
import type { TopicName } from '../../../schemas/topics.ts';
import type { DiscoveryRun } from '../../../schemas/types.generated.ts';
import { fixtureText, IMPORT_CONTEXT } from '../../support/amc-trader-fixtures.ts';

const v4Text = fixtureText('diamonds_v4.json');
const rescanned = v4Text.replace('"scan_time": "16:46:45"', '"scan_time": "17:46:45"');

describe('the live bridge over a scanner folder', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function bridge(dir: string, published: DiscoveryRun[], events: WatchEvent[]) {
    return startWatcher({
      dir,
      stateDir: path.join(dir, '.state'),
      target: {
        async publish(contract: TopicName, records: readonly object[]) {
          expect(contract).toBe('amc.discovery.runs.v1');
          published.push(...(records as DiscoveryRun[]));
        },
      },
      onEvent: (event) => events.push(event),
      now: () => IMPORT_CONTEXT.now,
      futureMarginMs: IMPORT_CONTEXT.futureMarginMs,
      pollMs: 60_000,
    });
  }

  it('publishes a scan written, nothing for it rewritten unchanged or after a restart, and the changed scan: two runs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'amc-bridge-'));
    dirs.push(dir);
    const published: DiscoveryRun[] = [];
    const events: WatchEvent[] = [];
    const file = path.join(dir, 'diamonds_v4.json');

    let watcher = await bridge(dir, published, events);
    await writeFile(file, v4Text);
    await watcher.pass();
    await writeFile(file, v4Text); // rewritten, same content
    await watcher.pass();
    await watcher.stop();

    watcher = await bridge(dir, published, events); // restart: the state file is all it remembers
    await watcher.pass();
    await writeFile(file, rescanned);
    await watcher.pass();
    await watcher.stop();

    expect(published.map((r) => [r.run_id, r.candidates.length])).toEqual([
      ['amc-trader-20260210-164645', 500],
      ['amc-trader-20260210-174645', 500],
    ]);
    const state = JSON.parse(await readFile(path.join(dir, '.state', 'published-scans.json'), 'utf8'));
    expect(state.publishedRuns).toEqual(['amc-trader-20260210-164645', 'amc-trader-20260210-174645']);
    expect(events.filter((e) => e.type === 'PUBLISHED')).toHaveLength(2);
  });

  it('remembers nothing when Kafka fails, and publishes at the next look', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'amc-bridge-'));
    dirs.push(dir);
    const events: WatchEvent[] = [];
    let fail = true;
    const published: string[] = [];
    const watcher = await startWatcher({
      dir,
      stateDir: path.join(dir, '.state'),
      target: {
        async publish(_contract, records) {
          if (fail) throw new Error('broker not available');
          published.push(...(records as DiscoveryRun[]).map((r) => r.run_id));
        },
      },
      onEvent: (event) => events.push(event),
      now: () => IMPORT_CONTEXT.now,
      futureMarginMs: IMPORT_CONTEXT.futureMarginMs,
      pollMs: 60_000,
    });
    await writeFile(path.join(dir, 'diamonds_v4.json'), v4Text);
    await watcher.pass();
    expect(events.find((e) => e.type === 'FAILED')).toBeDefined();
    fail = false;
    await watcher.pass();
    await watcher.stop();
    expect(published).toEqual(['amc-trader-20260210-164645']);
  });

  it('waits on a half-written file and ignores JSON that is not a scan', () => {
    const decide = (name: string, text: string) =>
      decideScanFile({ name, text, modifiedAt: 0 }, EMPTY_STATE, { context: IMPORT_CONTEXT });
    expect(decide('diamonds_v4.json', v4Text.slice(0, 5000))).toMatchObject({ action: 'wait' });
    expect(decide('scanner_weights.json', fixtureText('scanner_weights.json'))).toMatchObject({
      action: 'skip',
      reason: 'not a scan file',
    });
  });

  it("times a V3 file by its scan log row, so it names the scan log's run; without a row, by when it was written", () => {
    const v3 = {
      name: 'diamonds.json',
      text: fixtureText('diamonds.json'),
      modifiedAt: Date.parse('2026-03-06T22:18:14.600Z'),
    };
    const scanLog = {
      name: 'scanner_performance.csv',
      text: fixtureText('scanner_performance.csv'),
      modifiedAt: 0,
    };
    const matched = decideScanFile(v3, EMPTY_STATE, {
      context: IMPORT_CONTEXT,
      scanLog,
      now: v3.modifiedAt + 1000,
    });
    expect(matched).toMatchObject({ action: 'publish', runId: 'amc-trader-20260306-141813' });
    const header = scanLog.text.split('\r\n')[0]!;
    const unlogged = { ...scanLog, text: `${header}\r\n` };
    expect(
      decideScanFile(v3, EMPTY_STATE, {
        context: IMPORT_CONTEXT,
        scanLog: unlogged,
        now: v3.modifiedAt + 1000,
      }),
    ).toMatchObject({
      action: 'wait',
    });
    expect(
      decideScanFile(v3, EMPTY_STATE, {
        context: IMPORT_CONTEXT,
        scanLog: unlogged,
        now: v3.modifiedAt + 120_000,
      }),
    ).toMatchObject({
      action: 'publish',
      runId: 'amc-trader-20260306-141814',
    });
  });

  it('refuses to start on a damaged state file rather than publish everything again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'amc-bridge-'));
    dirs.push(dir);
    await mkdir(path.join(dir, '.state'));
    await writeFile(path.join(dir, '.state', 'published-scans.json'), '{"files": {');
    await expect(bridge(dir, [], [])).rejects.toThrow(/not a bridge state file/);
  });
});
