// Command-line arguments of bin/learn.ts, parsed without side effects.

export const LEARN_USAGE = `usage: npm run learn -- --now [--by <name>]
       npm run learn -- --at <ISO-8601 time> [--by <name>]
  Asks the learning coordinator for a cycle now (or as of --at, for a backfill in its own past).
  The cycle record appears on amc.learning.cycles.v1 as on-demand-<command id>.
  --by   who asks (default: $USER, else "cli")
  exit codes: 0 requested; 2 usage error; 3 Kafka failure or no coordinator topic`;

export interface LearnOptions {
  /** null: now. */
  readonly at: number | null;
  readonly by: string;
}

export type ParsedLearnArgs =
  | { readonly ok: true; readonly options: LearnOptions }
  | { readonly ok: false; readonly help: boolean; readonly message: string };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseLearnArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): ParsedLearnArgs {
  const refuse = (message: string): ParsedLearnArgs => ({
    ok: false,
    help: false,
    message: `${message}\n${LEARN_USAGE}`,
  });
  let now = false;
  let at: number | null = null;
  let by: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--help' || arg === '-h') return { ok: false, help: true, message: LEARN_USAGE };
    if (arg === '--now') {
      now = true;
      continue;
    }
    if (arg === '--at' || arg === '--by') {
      const value = argv[++index];
      if (value === undefined || value === '' || value.startsWith('--'))
        return refuse(`${arg} needs a value`);
      if (arg === '--by') {
        by = value;
        continue;
      }
      if (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
        return refuse(`--at ${value} is not an ISO-8601 time with a zone, e.g. 2026-03-09T12:00:00Z`);
      }
      at = Date.parse(value);
      continue;
    }
    return refuse(`unknown argument ${arg}`);
  }
  if (now === (at !== null))
    return refuse(now ? '--now and --at exclude each other' : '--now or --at is required');
  return { ok: true, options: { at, by: by ?? env.USER ?? 'cli' } };
}
