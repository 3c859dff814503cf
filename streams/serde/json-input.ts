// Turns a parsed JSON document into a record of a schema: fills defaults,
// refuses unknown or missing fields and wrong types, and takes bytes as
// base64 text. Used where people write records by hand (the produce CLI).
import type { SchemaNode } from '../../schemas/avro-model.ts';

export type JsonInputResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

class JsonInputError extends Error {}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function coerce(node: SchemaNode, value: unknown, path: string): unknown {
  const wrong = (expected: string): never => {
    throw new JsonInputError(`${path || '(record)'}: expected ${expected}, got ${describe(value)}`);
  };
  switch (node.kind) {
    case 'primitive':
      switch (node.type) {
        case 'null':
          return value === null ? null : wrong('null');
        case 'boolean':
          return typeof value === 'boolean' ? value : wrong('a boolean');
        case 'int':
          return Number.isInteger(value) && Math.abs(value as number) <= 0x7fffffff
            ? value
            : wrong('a 32-bit integer');
        case 'long':
          return Number.isSafeInteger(value) ? value : wrong('an integer');
        case 'float':
        case 'double':
          return typeof value === 'number' ? value : wrong('a number');
        case 'string':
          return typeof value === 'string' ? value : wrong('a string');
        case 'bytes':
          return typeof value === 'string' && BASE64.test(value)
            ? Buffer.from(value, 'base64')
            : wrong('base64 text');
      }
      break;
    case 'enum':
      return typeof value === 'string' && node.symbols.includes(value)
        ? value
        : wrong(`one of ${node.symbols.join('|')}`);
    case 'array':
      if (!Array.isArray(value)) return wrong('an array');
      return value.map((item, index) => coerce(node.items, item, `${path}.${index}`));
    case 'map':
      if (!isPlainObject(value)) return wrong('an object');
      return Object.fromEntries(
        Object.entries(value).map(([key, entry]) => [key, coerce(node.values, entry, `${path}.${key}`)]),
      );
    case 'union': {
      if (value === null && node.branches.some((b) => b.kind === 'primitive' && b.type === 'null'))
        return null;
      const messages: string[] = [];
      for (const branch of node.branches) {
        if (branch.kind === 'primitive' && branch.type === 'null') continue;
        try {
          return coerce(branch, value, path);
        } catch (error) {
          if (!(error instanceof JsonInputError)) throw error;
          messages.push(error.message);
        }
      }
      throw new JsonInputError(
        messages.length === 1 ? (messages[0] as string) : `${path}: no union branch fits`,
      );
    }
    case 'record': {
      if (!isPlainObject(value)) return wrong(`a ${node.name} object`);
      const known = new Set(node.fields.map((field) => field.name));
      const unknown = Object.keys(value).filter((key) => !known.has(key));
      if (unknown.length > 0)
        throw new JsonInputError(`${path || '(record)'}: unknown field ${unknown.join(', ')}`);
      const record: Record<string, unknown> = {};
      for (const field of node.fields) {
        const fieldPath = path ? `${path}.${field.name}` : field.name;
        if (value[field.name] === undefined) {
          if (!field.hasDefault) throw new JsonInputError(`${fieldPath}: missing`);
          record[field.name] = structuredClone(field.default);
        } else {
          record[field.name] = coerce(field.type, value[field.name], fieldPath);
        }
      }
      return record;
    }
  }
  throw new Error('unreachable');
}

export function recordFromJson(node: SchemaNode, json: unknown): JsonInputResult {
  try {
    return { ok: true, value: coerce(node, json, '') };
  } catch (error) {
    if (error instanceof JsonInputError) return { ok: false, message: error.message };
    throw error;
  }
}
