/**
 * Flags of the project's commands, parsed strictly: an unknown flag or a
 * missing value is refused with the command's usage rather than ignored.
 */
import { parseArgs } from 'node:util';

export interface FlagSpec {
  readonly type: 'boolean' | 'string';
  readonly description: string;
  readonly multiple?: boolean;
}

export type ParsedFlags<S extends Record<string, FlagSpec>> =
  | {
      readonly ok: true;
      readonly values: { readonly [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string };
      readonly positionals: readonly string[];
    }
  | { readonly ok: false; readonly help: boolean; readonly message: string };

/** The usage text: the synopsis, then one line per flag. */
export function usageOf(synopsis: string, spec: Readonly<Record<string, FlagSpec>>): string {
  const names = Object.entries(spec).map(([name, f]) => [
    `--${name}${f.type === 'string' ? ' <value>' : ''}`,
    f,
  ]);
  const width = Math.max(...names.map(([n]) => (n as string).length));
  return [
    `usage: ${synopsis}`,
    ...names.map(([n, f]) => `  ${(n as string).padEnd(width)}  ${(f as FlagSpec).description}`),
    `  ${'--help'.padEnd(width)}  this text`,
  ].join('\n');
}

export function parseFlags<S extends Record<string, FlagSpec>>(
  argv: readonly string[],
  spec: S,
  usage: string,
  options: { readonly positionals?: boolean } = {},
): ParsedFlags<S> {
  if (argv.includes('--help') || argv.includes('-h')) return { ok: false, help: true, message: usage };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(spec).map(([name, f]) => [name, { type: f.type, multiple: f.multiple ?? false }]),
      ),
      strict: true,
      allowPositionals: options.positionals ?? false,
    });
    return { ok: true, values: values as never, positionals };
  } catch (error) {
    return { ok: false, help: false, message: `${(error as Error).message}\n${usage}` };
  }
}
