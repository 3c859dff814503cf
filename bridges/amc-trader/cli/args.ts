// Arguments of `npm run import:amc-trader`, parsed without side effects.
// Every flag belongs to the kinds it is listed for; any other is refused
// with the usage, so a misspelt or misplaced option never passes silently.
import { parseFlags } from '../../../config/cli-flags.ts';
import { IMPORT_KINDS, type ImportKind } from '../import-files.ts';
import { parseInstantArgument } from '../local-time.ts';

export type CommandKind = ImportKind | 'watch';

export const IMPORTER_USAGE = `usage: npm run import:amc-trader -- <kind> <file...> [options]
kinds:
  scan <file...>        scanner output, V4 (diamonds_v4.json) or V3 (diamonds.json), told apart by content
  scan-log <file...>    scanner_performance.csv: one run per scan; entered rows become positions
  positions <file...>   Alpaca /v2/positions JSON or portfolio_tracking.csv
  bars <file...>        Polygon aggregates JSON (one ticker's range, or a grouped daily answer)
  watch <dir>           live bridge: publish each new or rewritten scan file in <dir> once, until stopped
options:
  --scanned-at <time>   scan: when a V3 file's scan ran (it records none): naive America/Los_Angeles
                        ('2026-03-06 14:18:13') or ISO-8601 with an offset ('2026-03-06T22:18:13Z')
  --weights <file>      scan, scan-log, watch: scanner_weights.json, the V3 runs' parameters
  --v3-max-points <n>   scan, scan-log, watch: the V3 maximum a points score is read against (default 305)
  --equity <n|file>     scan-log, positions: account equity: a number, Alpaca /v2/account JSON,
                        or a portfolio log with account rows
  --holdings <file>     scan-log: Alpaca positions or portfolio_tracking.csv: the entered rows' quantities
  --entries <file>      positions: scanner_performance.csv: the holdings' entry dates
  --as-of <time>        positions (required): when the holdings were read; same forms as --scanned-at
  --interval <length>   bars: bar length of single-ticker files (default 1d; grouped daily is 1d)
  --state-dir <dir>     watch: where the published scans are remembered (default <dir>/.amc-learning-bridge)
  --dry-run             print each record that would be published as a JSON line; publish nothing
configuration: the job's (AMC_CONFIG, overridden by KAFKA_BROKERS, SCHEMA_REGISTRY_URL, AMC_TOPIC_PREFIX)
exit codes: 0 all published; 1 some rows refused (the rest published); 2 usage error;
            3 Kafka or the registry failed (nothing more published; re-running is safe)`;

const FLAG_KINDS: Readonly<Record<string, readonly CommandKind[]>> = {
  '--scanned-at': ['scan'],
  '--weights': ['scan', 'scan-log', 'watch'],
  '--v3-max-points': ['scan', 'scan-log', 'watch'],
  '--equity': ['scan-log', 'positions'],
  '--holdings': ['scan-log'],
  '--entries': ['positions'],
  '--as-of': ['positions'],
  '--interval': ['bars'],
  '--state-dir': ['watch'],
};

export interface ImporterArgs {
  readonly kind: CommandKind;
  /** Files to import, or the one folder to watch. */
  readonly paths: readonly string[];
  readonly dryRun: boolean;
  readonly scannedAt?: number;
  readonly weightsFile?: string;
  readonly v3MaxPoints?: number;
  /** A number or a file name, told apart when loading. */
  readonly equity?: string;
  readonly holdingsFile?: string;
  readonly entriesFile?: string;
  readonly asOf?: number;
  readonly interval?: string;
  readonly stateDir?: string;
}

export type ParsedImporterArgs =
  | { readonly ok: true; readonly args: ImporterArgs }
  | { readonly ok: false; readonly help: boolean; readonly message: string };

const usageError = (message: string): ParsedImporterArgs => ({
  ok: false,
  help: false,
  message: `${message}\n${IMPORTER_USAGE}`,
});

const isKind = (value: string | undefined): value is CommandKind =>
  value === 'watch' || (IMPORT_KINDS as readonly string[]).includes(value ?? '');

export function parseImporterArgs(argv: readonly string[]): ParsedImporterArgs {
  const flags = parseFlags(argv, {
    values: Object.keys(FLAG_KINDS),
    switches: ['--dry-run'],
    positionals: true,
  });
  if (!flags.ok)
    return flags.help ? { ok: false, help: true, message: IMPORTER_USAGE } : usageError(flags.message);
  const [kind, ...paths] = flags.positionals;
  if (!isKind(kind)) {
    return usageError(
      kind === undefined
        ? 'no kind given'
        : `unknown kind ${kind}; one of ${[...IMPORT_KINDS, 'watch'].join(', ')}`,
    );
  }
  for (const flag of flags.values.keys()) {
    const kinds = FLAG_KINDS[flag] ?? [];
    if (!kinds.includes(kind))
      return usageError(`${flag} does not apply to ${kind} (only to ${kinds.join(', ')})`);
  }
  if (paths.length === 0)
    return usageError(
      kind === 'watch' ? 'watch needs the folder to watch' : `${kind} needs at least one file`,
    );
  if (kind === 'watch' && paths.length > 1) return usageError('watch takes one folder');
  const time = (flag: string): number | undefined | string => {
    const text = flags.values.get(flag);
    if (text === undefined) return undefined;
    const parsed = parseInstantArgument(text);
    return parsed.ok ? parsed.instant : `${flag}: ${parsed.message}`;
  };
  const scannedAt = time('--scanned-at');
  if (typeof scannedAt === 'string') return usageError(scannedAt);
  const asOf = time('--as-of');
  if (typeof asOf === 'string') return usageError(asOf);
  if (kind === 'positions' && asOf === undefined) {
    return usageError(
      'positions need --as-of: neither Alpaca positions nor portfolio_tracking.csv record a time',
    );
  }
  const maxText = flags.values.get('--v3-max-points');
  const v3MaxPoints = maxText === undefined ? undefined : Number(maxText);
  if (v3MaxPoints !== undefined && !(Number.isFinite(v3MaxPoints) && v3MaxPoints > 0)) {
    return usageError(`--v3-max-points ${maxText} is not a positive number`);
  }
  const interval = flags.values.get('--interval');
  if (interval !== undefined && !/^\d+(m|h|d|w)$/.test(interval)) {
    return usageError(`--interval ${interval} is not a bar length such as 1d, 1h or 5m`);
  }
  return {
    ok: true,
    args: {
      kind,
      paths,
      dryRun: flags.switches.has('--dry-run'),
      scannedAt,
      weightsFile: flags.values.get('--weights'),
      v3MaxPoints,
      equity: flags.values.get('--equity'),
      holdingsFile: flags.values.get('--holdings'),
      entriesFile: flags.values.get('--entries'),
      asOf,
      interval,
      stateDir: flags.values.get('--state-dir'),
    },
  };
}
