// A bounds-checked walk over an Avro body before avsc decodes it. avsc trusts
// block counts and lengths (an array count of 2^40 makes it loop or allocate
// for ever) and reads past the end of the buffer without noticing until the
// end; this walk allocates nothing, checks every count, length, index and
// varint against the bytes actually present, and rejects invalid UTF-8 and
// trailing bytes, so only structurally sound bodies reach the decoder.
import { isUtf8 } from 'node:buffer';
import type { SchemaNode } from '../../schemas/avro-model.ts';
import { type Rejection, rejection } from './reasons.ts';

const MAX_ZERO_WIDTH_ITEMS = 100_000;

class BodyFault extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.message);
  }
}

function minimumSize(node: SchemaNode, seen = new Set<SchemaNode>()): number {
  if (seen.has(node)) return 0;
  switch (node.kind) {
    case 'primitive':
      switch (node.type) {
        case 'null':
          return 0;
        case 'float':
          return 4;
        case 'double':
          return 8;
        default:
          return 1;
      }
    case 'record': {
      seen.add(node);
      const size = node.fields.reduce((sum, field) => sum + minimumSize(field.type, seen), 0);
      seen.delete(node);
      return size;
    }
    default:
      return 1;
  }
}

class BodyCursor {
  pos = 0;
  private readonly minSizes = new Map<SchemaNode, number>();

  constructor(private readonly bytes: Buffer) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  fail(code: 'TRUNCATED' | 'CORRUPT_BODY', message: string, path: readonly string[]): never {
    throw new BodyFault(rejection(code, `${message} at ${path.join('.') || '(record)'} (byte ${this.pos})`));
  }

  need(count: number, path: readonly string[]): void {
    if (count > this.remaining) this.fail('TRUNCATED', `body ends: ${count} bytes needed`, path);
  }

  /** Reads a zig-zag varint of at most maxBytes bytes; magnitude exact up to 2^53. */
  varint(maxBytes: number, path: readonly string[]): number {
    let raw = 0;
    let scale = 1;
    for (let index = 0; index < maxBytes; index += 1) {
      this.need(1, path);
      const byte = this.bytes[this.pos] as number;
      this.pos += 1;
      raw += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (maxBytes === 10 && index === 9 && byte > 1)
          this.fail('CORRUPT_BODY', 'long overflows 64 bits', path);
        return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
      }
      scale *= 128;
    }
    return this.fail('CORRUPT_BODY', `varint longer than ${maxBytes} bytes`, path);
  }

  minSize(node: SchemaNode): number {
    let size = this.minSizes.get(node);
    if (size === undefined) {
      size = minimumSize(node);
      this.minSizes.set(node, size);
    }
    return size;
  }

  length(path: readonly string[]): number {
    const length = this.varint(10, path);
    if (length < 0) this.fail('CORRUPT_BODY', `negative length ${length}`, path);
    this.need(length, path);
    return length;
  }

  walk(node: SchemaNode, path: string[]): void {
    switch (node.kind) {
      case 'primitive':
        this.primitive(node.type, path);
        return;
      case 'record':
        for (const field of node.fields) {
          path.push(field.name);
          this.walk(field.type, path);
          path.pop();
        }
        return;
      case 'enum': {
        const index = this.varint(5, path);
        if (index < 0 || index >= node.symbols.length) this.fail('CORRUPT_BODY', `enum index ${index}`, path);
        return;
      }
      case 'union': {
        const index = this.varint(5, path);
        const branch = node.branches[index];
        if (branch === undefined) this.fail('CORRUPT_BODY', `union index ${index}`, path);
        this.walk(branch, path);
        return;
      }
      case 'array':
        this.blocks(
          path,
          (index) => {
            path.push(String(index));
            this.walk(node.items, path);
            path.pop();
          },
          this.minSize(node.items),
        );
        return;
      case 'map':
        this.blocks(
          path,
          () => {
            this.primitive('string', path);
            path.push('(value)');
            this.walk(node.values, path);
            path.pop();
          },
          1 + this.minSize(node.values),
        );
        return;
    }
  }

  private blocks(path: string[], item: (index: number) => void, itemMinSize: number): void {
    let index = 0;
    for (;;) {
      let count = this.varint(10, path);
      if (count === 0) return;
      if (count < 0) {
        count = -count;
        this.length(path);
      }
      const fits =
        itemMinSize > 0 ? count * itemMinSize <= this.remaining : index + count <= MAX_ZERO_WIDTH_ITEMS;
      if (!fits) this.fail('TRUNCATED', `block of ${count} items cannot fit`, path);
      for (let n = 0; n < count; n += 1) item(index++);
    }
  }

  private primitive(type: string, path: readonly string[]): void {
    switch (type) {
      case 'null':
        return;
      case 'boolean': {
        this.need(1, path);
        const byte = this.bytes[this.pos];
        if (byte !== 0 && byte !== 1) this.fail('CORRUPT_BODY', `boolean byte ${byte}`, path);
        this.pos += 1;
        return;
      }
      case 'int': {
        const value = this.varint(5, path);
        if (value < -0x80000000 || value > 0x7fffffff)
          this.fail('CORRUPT_BODY', `int overflows 32 bits`, path);
        return;
      }
      case 'long':
        this.varint(10, path);
        return;
      case 'float':
        this.need(4, path);
        this.pos += 4;
        return;
      case 'double':
        this.need(8, path);
        this.pos += 8;
        return;
      case 'bytes': {
        const length = this.length(path);
        this.pos += length;
        return;
      }
      case 'string': {
        const length = this.length(path);
        if (!isUtf8(this.bytes.subarray(this.pos, this.pos + length))) {
          this.fail('CORRUPT_BODY', 'string is not valid UTF-8', path);
        }
        this.pos += length;
        return;
      }
    }
  }
}

/** Checks that body holds exactly one well-formed value of the writer schema; undefined when it does. */
export function checkBody(writer: SchemaNode, body: Buffer): Rejection | undefined {
  const cursor = new BodyCursor(body);
  try {
    cursor.walk(writer, []);
  } catch (error) {
    if (error instanceof BodyFault) return error.rejection;
    throw error;
  }
  if (cursor.remaining > 0) {
    return rejection('CORRUPT_BODY', `${cursor.remaining} trailing bytes after the record`);
  }
  return undefined;
}
