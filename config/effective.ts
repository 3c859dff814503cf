/**
 * Every leaf of the configuration in force with where its value came from,
 * for `--print-config`: the environment (naming the variable), the file, or
 * the default. Secrets are shown only as set or unset.
 */
import { type ConfigDocument, valueAt } from './config-file.ts';
import { ENV_BINDINGS, nonEmpty } from './env-bindings.ts';

type Env = Readonly<Record<string, string | undefined>>;

export type SettingSource = 'default' | 'file' | `environment (${string})`;

export interface EffectiveSetting {
  readonly path: string;
  readonly value: unknown;
  readonly source: SettingSource;
}

/** Paths whose values are never shown; only whether they are set. */
export const SECRET_PATHS: ReadonlySet<string> = new Set(['api.token']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** One line per setting; a list of records (parameter rules, buy-more tiers) one line per field of each. */
function leaves(value: unknown, prefix: string, out: [string, unknown][]): void {
  const entries =
    isRecord(value) && Object.keys(value).length > 0
      ? Object.entries(value)
      : Array.isArray(value) && value.length > 0 && value.every(isRecord)
        ? value.map((child, index): [string, unknown] => [String(index), child])
        : undefined;
  if (entries === undefined) out.push([prefix, value]);
  else for (const [key, child] of entries) leaves(child, prefix ? `${prefix}.${key}` : key, out);
}

/** `shown`: the settings as they should be listed, by section. */
export function effectiveSettings(
  shown: Readonly<Record<string, unknown>>,
  document: ConfigDocument,
  env: Env,
): EffectiveSetting[] {
  const flat: [string, unknown][] = [];
  leaves(shown, '', flat);
  const set = nonEmpty(env);
  const variableOf = new Map(ENV_BINDINGS.map((b) => [b.path, b.variable]));
  return flat.map(([path, value]): EffectiveSetting => {
    const shownValue = SECRET_PATHS.has(path) ? (value === undefined ? 'unset' : 'set') : value;
    const variable = variableOf.get(path);
    if (variable !== undefined && set[variable] !== undefined)
      return { path, value: shownValue, source: `environment (${variable})` };
    return { path, value: shownValue, source: valueAt(document, path) === undefined ? 'default' : 'file' };
  });
}
