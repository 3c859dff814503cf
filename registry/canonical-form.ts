/**
 * Avro Parsing Canonical Form (Avro specification, "Parsing Canonical Form
 * for Schemas"), plus an extended form used as the registry's schema identity.
 *
 * The strict form drops every attribute except name, type, fields, symbols,
 * items, values and size. That is right for fingerprinting how data is laid
 * out, but two schemas that differ only in a field default or a logical type
 * read data differently, and a consumer that fetches a schema by id must get
 * those attributes back. So the identity form keeps, in a fixed order, the
 * attributes that change schema resolution or decoding (default, aliases,
 * order, logicalType, precision, scale) and still drops doc and custom
 * properties, whitespace, key order and namespace spelling.
 *
 * The input is expected to have been accepted by avsc already.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const LOGICAL_ATTRIBUTES = ['logicalType', 'precision', 'scale'] as const;

interface Walk {
  readonly extended: boolean;
}

export function parsingCanonicalForm(schema: unknown): string {
  return JSON.stringify(canonical(schema as Json, '', { extended: false }));
}

export function identityForm(schema: unknown): string {
  return JSON.stringify(canonical(schema as Json, '', { extended: true }));
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fullName(name: string, namespace: string): string {
  if (name.includes('.') || namespace === '') return name;
  return `${namespace}.${name}`;
}

function namespaceOf(fullname: string): string {
  const dot = fullname.lastIndexOf('.');
  return dot < 0 ? '' : fullname.slice(0, dot);
}

function canonical(node: Json, namespace: string, walk: Walk): Json {
  if (typeof node === 'string') return PRIMITIVES.has(node) ? node : fullName(node, namespace);
  if (Array.isArray(node)) return node.map((branch) => canonical(branch, namespace, walk));
  if (!isObject(node)) throw new Error(`not an Avro schema: ${JSON.stringify(node)}`);

  const type = node.type;
  if (typeof type !== 'string') return canonical(type ?? null, namespace, walk);
  if (PRIMITIVES.has(type)) return primitive(node, type, walk);
  switch (type) {
    case 'record':
    case 'error':
      return record(node, type, namespace, walk);
    case 'enum':
    case 'fixed':
      return enumOrFixed(node, type, namespace, walk);
    case 'array':
      return logical(node, { type, items: canonical(node.items ?? null, namespace, walk) }, walk);
    case 'map':
      return logical(node, { type, values: canonical(node.values ?? null, namespace, walk) }, walk);
    default:
      // A named reference written as {"type": "some.Name"}.
      return fullName(type, namespace);
  }
}

function enumOrFixed(node: JsonObject, type: string, namespace: string, walk: Walk): JsonObject {
  const { head, aliases } = named(node, namespace, walk);
  const out: JsonObject =
    type === 'enum'
      ? { ...head, type, symbols: node.symbols ?? [] }
      : { ...head, type, size: node.size ?? 0 };
  if (walk.extended) {
    if (type === 'enum' && node.default !== undefined) out.default = node.default;
    copyLogical(node, out);
  }
  return withAliases(out, aliases);
}

function primitive(node: JsonObject, type: string, walk: Walk): Json {
  if (!walk.extended || node.logicalType === undefined) return type;
  const out: JsonObject = { type };
  copyLogical(node, out);
  return out;
}

function logical(node: JsonObject, out: JsonObject, walk: Walk): JsonObject {
  if (walk.extended) copyLogical(node, out);
  return out;
}

function copyLogical(node: JsonObject, out: JsonObject): void {
  for (const key of LOGICAL_ATTRIBUTES) {
    const value = node[key];
    if (value !== undefined) out[key] = value;
  }
}

function named(
  node: JsonObject,
  namespace: string,
  walk: Walk,
): { head: JsonObject; fullname: string; aliases: string[] } {
  const ownNamespace = typeof node.namespace === 'string' ? node.namespace : namespace;
  const fullname = fullName(String(node.name), ownNamespace);
  const inner = namespaceOf(fullname);
  const aliases =
    walk.extended && Array.isArray(node.aliases)
      ? node.aliases.map((alias) => fullName(String(alias), inner)).sort()
      : [];
  return { head: { name: fullname }, fullname, aliases };
}

function withAliases(out: JsonObject, aliases: string[]): JsonObject {
  if (aliases.length > 0) out.aliases = aliases;
  return out;
}

function record(node: JsonObject, type: string, namespace: string, walk: Walk): JsonObject {
  const { head, fullname, aliases } = named(node, namespace, walk);
  const inner = namespaceOf(fullname);
  const fields = Array.isArray(node.fields) ? node.fields : [];
  const out: JsonObject = {
    ...head,
    type,
    fields: fields.map((field) => {
      const source = isObject(field) ? field : {};
      const out: JsonObject = {
        name: source.name ?? null,
        type: canonical(source.type ?? null, inner, walk),
      };
      if (walk.extended) {
        if (source.default !== undefined) out.default = sortKeys(source.default);
        if (Array.isArray(source.aliases)) out.aliases = source.aliases.map(String).sort();
        if (source.order !== undefined && source.order !== 'ascending') out.order = source.order;
      }
      return out;
    }),
  };
  return withAliases(out, aliases);
}

/** Defaults are JSON values; the order of their object keys carries no meaning. */
function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key] ?? null);
  return out;
}
