import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../config/endpoints.ts';
import { loadSettings, type Settings } from '../../config/settings.ts';

/** Configuration files written to a folder of their own, removed by `remove()`. */
export function configFiles(label: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `amc-${label}-`));
  let n = 0;
  const write = (content: unknown, ext = 'json'): string => {
    const file = path.join(dir, `config-${n++}.${ext}`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const load = (content: unknown, env: Record<string, string> = {}): Settings =>
    loadSettings({ AMC_CONFIG: write(content), ...env });
  /** The ConfigError a start with this file (and environment) ends with. */
  const refusal = (content: unknown, env: Record<string, string> = {}): ConfigError => {
    try {
      load(content, env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected the configuration to be refused');
  };
  return { dir, write, load, refusal, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface SchemaNode {
  readonly default?: unknown;
  readonly properties?: Record<string, SchemaNode>;
}

/** Every default the schema documents under `node`, by dotted path from `prefix`. */
export function schemaDefaults(
  node: SchemaNode,
  prefix: string,
  out: Map<string, unknown> = new Map(),
): Map<string, unknown> {
  if (node.properties && node.default === undefined) {
    for (const [key, child] of Object.entries(node.properties))
      schemaDefaults(child, `${prefix}.${key}`, out);
  } else out.set(prefix, node.default);
  return out;
}

/** The value at `prefix.a.b` of `root`, the prefix being the root's own name. */
export const valueAtDotted = (root: unknown, dotted: string): unknown =>
  dotted
    .split('.')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], root);
