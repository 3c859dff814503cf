// Command-line flags of the project's CLIs, parsed without side effects:
// '--flag value' or '--flag=value', switches, positionals, and a refusal of
// anything unknown, missing or repeated, so a typo never passes silently.

export interface FlagSpec {
  /** Flags that take a value. */
  readonly values: readonly string[];
  /** Flags that stand alone. */
  readonly switches: readonly string[];
  /** Whether bare arguments are allowed (file names); when not, they are unknown arguments. */
  readonly positionals?: boolean;
}

export type FlagParse =
  | {
      readonly ok: true;
      readonly values: ReadonlyMap<string, string>;
      readonly switches: ReadonlySet<string>;
      readonly positionals: readonly string[];
    }
  | { readonly ok: false; readonly help: boolean; readonly message: string };

export function parseFlags(argv: readonly string[], spec: FlagSpec): FlagParse {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === '--help' || arg === '-h') return { ok: false, help: true, message: '' };
    if (spec.switches.includes(arg)) {
      switches.add(arg);
      continue;
    }
    if (!arg.startsWith('-') && spec.positionals) {
      positionals.push(arg);
      continue;
    }
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag === undefined || !spec.values.includes(flag)) {
      return { ok: false, help: false, message: `unknown argument ${arg}` };
    }
    const value = inline ?? argv[++index];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      return { ok: false, help: false, message: `${flag} needs a value` };
    }
    if (values.has(flag)) return { ok: false, help: false, message: `${flag} given twice` };
    values.set(flag, value);
  }
  return { ok: true, values, switches, positionals };
}
