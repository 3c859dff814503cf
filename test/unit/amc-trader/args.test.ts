import { describe, expect, it } from 'vitest';
import { IMPORTER_USAGE, parseImporterArgs } from '../../../bridges/amc-trader/cli/args.ts';

describe('import:amc-trader arguments', () => {
  it('takes a kind, files and the flags of that kind', () => {
    expect(
      parseImporterArgs(['scan', 'a.json', 'b.json', '--dry-run', '--scanned-at', '2026-03-06 14:18:13']),
    ).toEqual({
      ok: true,
      args: expect.objectContaining({
        kind: 'scan',
        paths: ['a.json', 'b.json'],
        dryRun: true,
        scannedAt: Date.parse('2026-03-06T22:18:13Z'),
      }),
    });
    expect(
      parseImporterArgs(['positions', 'p.csv', '--as-of=2026-03-04T13:00:00-08:00', '--equity', '1000']),
    ).toMatchObject({
      ok: true,
      args: { kind: 'positions', asOf: Date.parse('2026-03-04T21:00:00Z'), equity: '1000' },
    });
  });

  it.each([
    [['scan', 'a.json', '--colour', 'red'], 'unknown argument --colour'],
    [['scan', 'a.json', '-x'], 'unknown argument -x'],
    [['scan', 'a.json', '--as-of', '2026-03-04'], '--as-of does not apply to scan'],
    [['bars', 'a.json', '--state-dir', 'x'], '--state-dir does not apply to bars'],
    [['scan', 'a.json', '--weights'], '--weights needs a value'],
    [['scan', 'a.json', '--weights', 'w', '--weights', 'v'], '--weights given twice'],
    [['positions', 'p.csv'], 'positions need --as-of'],
    [['scan', 'a.json', '--scanned-at', 'soon'], '--scanned-at: "soon"'],
    [['scan', 'a.json', '--scanned-at', '2026-03-08 02:30:00'], 'spring DST gap'],
    [['bars', 'a.json', '--interval', 'daily'], '--interval daily'],
    [['scan'], 'scan needs at least one file'],
    [['watch', 'a', 'b'], 'watch takes one folder'],
    [['import', 'a.json'], 'unknown kind import'],
    [[], 'no kind given'],
  ])('refuses %j with the reason and the usage', (argv, reason) => {
    const parsed = parseImporterArgs(argv);
    expect(parsed).toMatchObject({ ok: false, help: false });
    if (parsed.ok) return;
    expect(parsed.message).toContain(reason);
    expect(parsed.message).toContain(IMPORTER_USAGE);
  });

  it('answers --help with the usage alone', () => {
    expect(parseImporterArgs(['scan', '--help'])).toEqual({ ok: false, help: true, message: IMPORTER_USAGE });
  });
});
