/**
 * The operator's configuration file: JSON or YAML (by extension), checked
 * against the JSON Schema that ships with the project before anything reads
 * it. A bad value is reported with its path in the file and what is allowed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './endpoints.ts';

export const SCHEMA_PATH = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'amc-learning.schema.json',
);

/** A JSON Schema node, as far as error messages need to read it. */
interface SchemaNode {
  readonly description?: string;
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly $ref?: string;
  readonly definitions?: Record<string, SchemaNode>;
}

export const CONFIG_SCHEMA = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as SchemaNode;

const validate = new Ajv({ allErrors: false, strict: true }).compile(CONFIG_SCHEMA);

/** The parsed file: an object whose structure the schema vouches for. */
export type ConfigDocument = Readonly<Record<string, unknown>>;

/** `/tracker/categoryCutoffs/strong` → `tracker.categoryCutoffs.strong`. */
const dotted = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

const resolved = (node: SchemaNode | undefined) =>
  node?.$ref ? CONFIG_SCHEMA.definitions?.[node.$ref.replace('#/definitions/', '')] : node;

function schemaAt(dottedPath: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = CONFIG_SCHEMA;
  for (const part of dottedPath.split('.').filter((p) => p !== '')) {
    node = resolved(node);
    // A list's elements are named by their index: `dips.buyMoreTiers.0`.
    node = /^\d+$/.test(part) && node?.items ? node.items : node?.properties?.[part];
  }
  return resolved(node);
}

function describeError(error: ErrorObject, file: string): ConfigError {
  const where = dotted(error.instancePath);
  const inFile = `(in ${file})`;
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys(schemaAt(where)?.properties ?? {}).filter((k) => k !== '$schema');
    return new ConfigError(
      where === '' ? key : `${where}.${key}`,
      `is not a known key ${inFile}; allowed: ${known.join(', ')}`,
    );
  }
  const node = schemaAt(where);
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) =>
      JSON.stringify(v),
    );
    return new ConfigError(where, `${error.message} ${inFile}; allowed: ${allowed.join(', ')}`);
  }
  if (error.keyword === 'oneOf' || error.keyword === 'const') {
    return new ConfigError(where, `does not match ${inFile}; allowed: ${node?.description ?? error.message}`);
  }
  return new ConfigError(where || '(file)', `${error.message} ${inFile}`);
}

/** Reads and checks the file; throws ConfigError naming the path of the first problem. */
export function readConfigFile(file: string): ConfigDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('AMC_CONFIG', `cannot read ${file}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      'AMC_CONFIG',
      `${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
  if (document === null || document === undefined) return {};
  if (!validate(document)) throw describeError(validate.errors![0]!, file);
  return document as ConfigDocument;
}

/** The value at a dotted path of the document (a list's elements by index), if the file sets it. */
export function valueAt(document: ConfigDocument, dottedPath: string): unknown {
  let node: unknown = document;
  for (const part of dottedPath.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node) && !/^\d+$/.test(part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
