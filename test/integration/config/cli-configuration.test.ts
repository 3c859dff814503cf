import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NYSE_CALENDAR } from '../../../streams/tracker/domain/index.ts';
import { AMC_TRADER_FIXTURES } from '../../support/amc-trader-fixtures.ts';
import {
  type CliRun,
  type FakeEndpoint,
  fakeBroker,
  fakeHttpService,
  runCli,
} from '../../support/cli-process.ts';
import { configFiles } from '../../support/config-files.ts';
import { killHard } from '../../support/reference-run.ts';

const files = configFiles('cli-config');
const fakes: FakeEndpoint[] = [];
const runs: CliRun[] = [];
afterAll(async () => {
  for (const run of runs) await killHard(run.child);
  for (const fake of fakes) await fake.close();
  files.remove();
});

function cli(script: string, args: readonly string[], env: Record<string, string> = {}): CliRun {
  const run = runCli(script, args, env);
  runs.push(run);
  return run;
}

const COMMANDS = [
  'bin/amc-learning.ts',
  'bin/api.ts',
  'bin/sink.ts',
  'bin/db-migrate.ts',
  'bin/learn.ts',
  'bin/produce.ts',
  'bin/import-amc-trader.ts',
  'bin/sample.ts',
];

/** Lines a command prints once it starts something: the local stack, a listener, a consumer. */
const STARTED = /local stack|listening on|consuming|running:|requested cycle|produced to|published /;

describe('every command line', () => {
  it('refuses an unknown flag with its usage, and starts nothing', async () => {
    const started = COMMANDS.map((script) => ({ script, run: cli(script, ['--colour', 'red']) }));
    for (const { script, run } of started) {
      expect(await run.exit, script).toBe(2);
      expect(run.stderr(), script).toContain('unknown argument --colour');
      expect(run.stderr(), script).toMatch(/usage: /);
      expect(run.stdout(), script).not.toMatch(STARTED);
    }
  });

  it('given an AMC_CONFIG naming endpoints, goes to them and leaves the local stack alone', async () => {
    const bars = files.write(
      `${JSON.stringify({ symbol: 'ZZZ', interval: '1d', timestamp: Date.parse('2026-03-02T14:30:00Z'), open: 10, high: 11, low: 9, close: 10.5, volume: 1000 })}\n`,
      'jsonl',
    );
    const scan = path.join(AMC_TRADER_FIXTURES, 'diamonds_v4.json');
    // The ClickHouse commands go there first, with the file's database; the others to Kafka or the registry.
    const cases: [string, string[], boolean][] = [
      ['bin/db-migrate.ts', [], true],
      ['bin/sink.ts', [], true],
      ['bin/api.ts', [], false],
      ['bin/learn.ts', ['--now'], false],
      ['bin/produce.ts', ['--topic', 'amc.market.bars.v1', '--file', bars], false],
      ['bin/import-amc-trader.ts', ['scan', scan], false],
    ];
    const started = await Promise.all(
      cases.map(async ([script, args, clickhouseFirst]) => {
        const endpoints = [await fakeBroker(), await fakeHttpService(), await fakeHttpService()] as const;
        fakes.push(...endpoints);
        const database = `from_file_${fakes.length}`;
        const file = files.write({
          endpoints: {
            kafkaBrokers: [endpoints[0].hostPort],
            schemaRegistryUrl: endpoints[1].url,
            clickhouseUrl: endpoints[2].url,
          },
          sink: { database },
        });
        return { script, endpoints, clickhouseFirst, database, run: cli(script, args, { AMC_CONFIG: file }) };
      }),
    );
    for (const { script, endpoints, clickhouseFirst, database, run } of started) {
      const reached = () => endpoints.flatMap((e) => e.seen);
      const deadline = Date.now() + 60_000;
      while (reached().length === 0 && run.child.exitCode === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(reached().length, `${script}:\n${run.stdout()}${run.stderr()}`).toBeGreaterThan(0);
      if (clickhouseFirst) expect(endpoints[2].seen.join('\n'), script).toContain(database);
      expect(run.stdout(), script).not.toMatch(/local stack/);
      await killHard(run.child);
    }
  }, 120_000);

  it('a bad value in a new section stops the start, naming its path, and nothing starts', async () => {
    const cases: [string, object, string][] = [
      ['bin/amc-learning.ts', { learning: { minSample: 20, minKept: 30 } }, 'learning.minKept'],
      [
        'bin/amc-learning.ts',
        { sink: { batchRows: 100, maxBufferedRecords: 10 } },
        'sink.maxBufferedRecords',
      ],
      ['bin/sink.ts', { sink: { batchRows: 0 } }, 'sink.batchRows'],
      ['bin/api.ts', { api: { port: 70_000 } }, 'api.port'],
      ['bin/db-migrate.ts', { sink: { database: 'no-dashes' } }, 'sink.database'],
    ];
    const started = cases.map(([script, content, key]) => ({
      script,
      key,
      run: cli(script, [], { AMC_CONFIG: files.write(content) }),
    }));
    for (const { script, key, run } of started) {
      expect(await run.exit, script).toBe(2);
      expect(run.stderr(), script).toContain(`invalid configuration ${key}: `);
      // No endpoint is configured: a start that went on would have brought the local stack up.
      expect(run.stdout(), script).not.toMatch(STARTED);
    }
  });

  it('npm start -- --print-config shows the new sections and where each value came from, never the token', async () => {
    const fileToken = 'file-token-0123456789abcdef';
    const envToken = 'env-token-fedcba9876543210';
    const file = files.write({
      learning: { schedule: { hour: 9 } },
      sink: { batchRows: 500 },
      api: { token: fileToken, port: 8080 },
    });
    const run = cli('bin/amc-learning.ts', ['--print-config'], {
      AMC_CONFIG: file,
      AMC_SINK_BATCH_AGE_MS: '300',
      AMC_API_TOKEN: envToken,
    });
    expect(await run.exit).toBe(0);
    const printed = run.stdout();
    expect(printed).toMatch(/^learning\.schedule\.hour\s+9\s+file$/m);
    expect(printed).toMatch(/^learning\.windowDays\s+91\s+default$/m);
    expect(printed).toMatch(/^sink\.batchRows\s+500\s+file$/m);
    expect(printed).toMatch(/^sink\.batchAgeMs\s+300\s+environment \(AMC_SINK_BATCH_AGE_MS\)$/m);
    expect(printed).toMatch(/^api\.port\s+8080\s+file$/m);
    expect(printed).toMatch(/^api\.token\s+"set"\s+environment \(AMC_API_TOKEN\)$/m);
    expect(printed + run.stderr()).not.toContain(fileToken);
    expect(printed + run.stderr()).not.toContain(envToken);
  });

  it('npm run sample trades on the configured calendar: no bars on an added closure', async () => {
    const out = path.join(files.dir, 'sample');
    const file = files.write({ calendar: { extraClosures: ['2026-03-11'] } });
    const args = [
      '--out',
      out,
      '--symbols',
      '10',
      '--sessions',
      '45',
      '--start',
      '2026-03-02',
      '--candidates',
      '5',
    ];
    const run = cli('bin/sample.ts', args, { AMC_CONFIG: file });
    expect(await run.exit, run.stderr()).toBe(0);
    const bars = readFileSync(path.join(out, 'amc.market.bars.v1.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { timestamp: number });
    const dates = new Set(bars.map((b) => NYSE_CALENDAR.sessionDateOf(b.timestamp)));
    expect(dates.has('2026-03-10')).toBe(true);
    expect(dates.has('2026-03-11')).toBe(false);
    expect(dates.has('2026-03-12')).toBe(true);
  });
});
