// Command-line arguments of bin/learn.ts, parsed without side effects.
import { parseFlags } from '../../config/cli-flags.ts';

export const LEARN_USAGE = `usage: npm run learn -- --now [--by <name>]
       npm run learn -- --at <ISO-8601 time> [--by <name>]
  Asks the learning coordinator for a cycle now (or as of --at, for a backfill in its own past).
  The cycle record appears on amc.learning.cycles.v1 as on-demand-<command id>.
  --by   who asks (default: $USER, else "cli")
  configuration: the job's (AMC_CONFIG and the environment): its brokers and topic prefix
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
  const flags = parseFlags(argv, { values: ['--at', '--by'], switches: ['--now'] });
  if (!flags.ok) return flags.help ? { ok: false, help: true, message: LEARN_USAGE } : refuse(flags.message);
  const now = flags.switches.has('--now');
  const atText = flags.values.get('--at');
  if (now === (atText !== undefined))
    return refuse(now ? '--now and --at exclude each other' : '--now or --at is required');
  if (atText !== undefined && (!ISO_TIME.test(atText) || Number.isNaN(Date.parse(atText)))) {
    return refuse(`--at ${atText} is not an ISO-8601 time with a zone, e.g. 2026-03-09T12:00:00Z`);
  }
  const at = atText === undefined ? null : Date.parse(atText);
  return { ok: true, options: { at, by: flags.values.get('--by') ?? env.USER ?? 'cli' } };
}
