// A typed, resolved view of the Avro JSON schemas of this project: named type
// references are replaced by their definitions, so walkers (the type
// generator, JSON input coercion, value rules) need no name table of their own.

export type AvroPrimitive = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface PrimitiveNode {
  readonly kind: 'primitive';
  readonly type: AvroPrimitive;
  readonly logicalType: string | undefined;
}
export interface FieldNode {
  readonly name: string;
  readonly doc: string | undefined;
  readonly type: SchemaNode;
  readonly hasDefault: boolean;
  readonly default: unknown;
}
export interface RecordNode {
  readonly kind: 'record';
  readonly name: string;
  readonly fullName: string;
  readonly doc: string | undefined;
  readonly fields: readonly FieldNode[];
}
export interface EnumNode {
  readonly kind: 'enum';
  readonly name: string;
  readonly fullName: string;
  readonly doc: string | undefined;
  readonly symbols: readonly string[];
}
export interface ArrayNode {
  readonly kind: 'array';
  readonly items: SchemaNode;
}
export interface MapNode {
  readonly kind: 'map';
  readonly values: SchemaNode;
}
export interface UnionNode {
  readonly kind: 'union';
  readonly branches: readonly SchemaNode[];
}
export type SchemaNode = PrimitiveNode | RecordNode | EnumNode | ArrayNode | MapNode | UnionNode;

const PRIMITIVES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fullNameOf(name: string, namespace: string | undefined): string {
  return name.includes('.') || namespace === undefined || namespace === '' ? name : `${namespace}.${name}`;
}

/** Resolves a parsed .avsc JSON value into a SchemaNode tree; throws on shapes this project does not use. */
export function resolveSchema(raw: unknown): SchemaNode {
  const named = new Map<string, SchemaNode>();

  const resolve = (node: unknown, namespace: string | undefined): SchemaNode => {
    if (typeof node === 'string') {
      if (PRIMITIVES.has(node))
        return { kind: 'primitive', type: node as AvroPrimitive, logicalType: undefined };
      const found = named.get(fullNameOf(node, namespace)) ?? named.get(node);
      if (found === undefined) throw new Error(`unknown named type ${node}`);
      return found;
    }
    if (Array.isArray(node))
      return { kind: 'union', branches: node.map((branch) => resolve(branch, namespace)) };
    if (!isObject(node)) throw new Error(`not a schema: ${JSON.stringify(node)}`);
    const type = node.type;
    if (typeof type === 'string' && PRIMITIVES.has(type)) {
      return {
        kind: 'primitive',
        type: type as AvroPrimitive,
        logicalType: optionalString(node.logicalType),
      };
    }
    switch (type) {
      case 'array':
        return { kind: 'array', items: resolve(node.items, namespace) };
      case 'map':
        return { kind: 'map', values: resolve(node.values, namespace) };
      case 'enum': {
        const name = String(node.name);
        const ownNamespace = optionalString(node.namespace) ?? namespace;
        const enumNode: EnumNode = {
          kind: 'enum',
          name: name.split('.').pop() ?? name,
          fullName: fullNameOf(name, ownNamespace),
          doc: optionalString(node.doc),
          symbols: (node.symbols as unknown[]).map(String),
        };
        named.set(enumNode.fullName, enumNode);
        return enumNode;
      }
      case 'record': {
        const name = String(node.name);
        const ownNamespace = optionalString(node.namespace) ?? namespace;
        const fullName = fullNameOf(name, ownNamespace);
        const fields: FieldNode[] = [];
        const recordNode: RecordNode = {
          kind: 'record',
          name: name.split('.').pop() ?? name,
          fullName,
          doc: optionalString(node.doc),
          fields,
        };
        named.set(fullName, recordNode);
        const childNamespace = fullName.includes('.')
          ? fullName.slice(0, fullName.lastIndexOf('.'))
          : undefined;
        for (const field of node.fields as unknown[]) {
          if (!isObject(field)) throw new Error(`bad field in ${fullName}`);
          fields.push({
            name: String(field.name),
            doc: optionalString(field.doc),
            type: resolve(field.type, childNamespace),
            hasDefault: 'default' in field,
            default: field.default,
          });
        }
        return recordNode;
      }
      default:
        throw new Error(`unsupported schema type ${JSON.stringify(type)}`);
    }
  };

  return resolve(raw, undefined);
}

/** The non-null branch of a [null, X] union, or undefined for any other node. */
export function nullableBranch(node: SchemaNode): SchemaNode | undefined {
  if (node.kind !== 'union' || node.branches.length !== 2) return undefined;
  const [first, second] = node.branches;
  const isNull = (branch: SchemaNode | undefined) => branch?.kind === 'primitive' && branch.type === 'null';
  if (isNull(first)) return second;
  if (isNull(second)) return first;
  return undefined;
}
