import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AMC_TRADER_FIXTURES, fixtureText } from '../../support/amc-trader-fixtures.ts';
import { runImporter } from '../../support/amc-trader-run.ts';

describe('import:amc-trader as a user types it, on a dry run', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('prints what it would publish, names each bad row by file and line, and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'amc-cli-'));
    dirs.push(dir);
    const lines = fixtureText('scanner_performance.csv').split('\r\n');
    // Line 3: a negative price; line 4: a provider-prefixed symbol; line 5: cut short.
    lines[2] = lines[2]!.replace(',MNTS,6.44,', ',MNTS,-6.44,');
    lines[3] = lines[3]!.replace(',CCHH,', ',X:CCHH,');
    lines[4] = lines[4]!.slice(0, 30);
    const file = path.join(dir, 'scanner_performance.csv');
    await writeFile(file, lines.join('\r\n'));
    const result = await runImporter(
      ['scan-log', file, '--dry-run', '--equity', '100000'],
      'dry-run-never-used.',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:3: NON_POSITIVE_PRICE: MNTS: price = -6.44`);
    expect(result.stderr).toContain(`${file}:4: BAD_SYMBOL_FORMAT: symbol "X:CCHH"`);
    expect(result.stderr).toMatch(new RegExp(`${file}:5: DAMAGED_ROW: \\d+ fields where the header has 31`));
    const printed = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const firstRun = printed.find((r) => r.key === 'amc-trader-20260209-132343');
    expect(firstRun.topic).toBe('dry-run-never-used.amc.discovery.runs.v1');
    expect(firstRun.value.candidates.map((c: { symbol: string }) => c.symbol)).toEqual([
      'RIG',
      'TNON',
      'BRLS',
      'CLF',
      'MSTX',
      'RITR',
      'WULF',
    ]);
    expect(printed.filter((r) => r.topic.endsWith('amc.discovery.runs.v1'))).toHaveLength(33);
  });

  it('refuses an unknown flag with the usage and exit code 2, reading nothing', async () => {
    const result = await runImporter(
      ['scan', path.join(AMC_TRADER_FIXTURES, 'diamonds.json'), '--scan-time', 'x'],
      'p.',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown argument --scan-time');
    expect(result.stderr).toContain('usage: npm run import:amc-trader');
    expect(result.stdout).toBe('');
  });
});
