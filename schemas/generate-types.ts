// Generates schemas/types.generated.ts from the .avsc files, so the TypeScript
// types can never drift from the contracts: a unit test regenerates in memory
// and fails when the committed file differs.
// Run: npx tsx schemas/generate-types.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EnumNode, RecordNode, SchemaNode } from './avro-model.ts';
import { loadSchemaNode } from './load.ts';
import { TOPIC_NAMES } from './topics.ts';

const LINE_WIDTH = 110;

export const GENERATED_TYPES_FILE = new URL('./types.generated.ts', import.meta.url);

type NamedNode = RecordNode | EnumNode;

function collectNamed(node: SchemaNode, into: Map<string, NamedNode>): void {
  switch (node.kind) {
    case 'record':
    case 'enum': {
      const seen = into.get(node.fullName);
      if (seen !== undefined) {
        if (seen !== node && JSON.stringify(shapeOf(seen)) !== JSON.stringify(shapeOf(node))) {
          throw new Error(`${node.fullName} is defined differently in two schemas`);
        }
        return;
      }
      into.set(node.fullName, node);
      if (node.kind === 'record') for (const field of node.fields) collectNamed(field.type, into);
      return;
    }
    case 'array':
      collectNamed(node.items, into);
      return;
    case 'map':
      collectNamed(node.values, into);
      return;
    case 'union':
      for (const branch of node.branches) collectNamed(branch, into);
      return;
    case 'primitive':
      return;
  }
}

function shapeOf(node: NamedNode): unknown {
  return node.kind === 'enum'
    ? node.symbols
    : node.fields.map((field) => [field.name, typeExpression(field.type)]);
}

function typeExpression(node: SchemaNode): string {
  switch (node.kind) {
    case 'primitive':
      switch (node.type) {
        case 'null':
          return 'null';
        case 'boolean':
          return 'boolean';
        case 'int':
        case 'long':
        case 'float':
        case 'double':
          return 'number';
        case 'bytes':
          return 'Buffer';
        case 'string':
          return 'string';
      }
      break;
    case 'record':
    case 'enum':
      return node.name;
    case 'array': {
      const items = typeExpression(node.items);
      return node.items.kind === 'union' ? `(${items})[]` : `${items}[]`;
    }
    case 'map':
      return `Record<string, ${typeExpression(node.values)}>`;
    case 'union':
      return node.branches
        .map(typeExpression)
        .sort((a, b) => (a === 'null' ? 1 : b === 'null' ? -1 : 0))
        .join(' | ');
  }
  throw new Error('unreachable');
}

function docComment(doc: string | undefined, indent: string): string[] {
  return doc === undefined ? [] : [`${indent}/** ${doc.replaceAll('*/', '* /')} */`];
}

function quote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function renderEnum(node: EnumNode): string[] {
  const constName = `${node.name}Symbols`;
  const head = `export const ${constName} = [`;
  const tail = '] as const;';
  const oneLine = `${head}${node.symbols.map(quote).join(', ')}${tail}`;
  const constLines =
    oneLine.length <= LINE_WIDTH
      ? [oneLine]
      : [head, ...node.symbols.map((symbol) => `  ${quote(symbol)},`), tail];
  return [
    ...docComment(node.doc, ''),
    ...constLines,
    ...docComment(node.doc, ''),
    `export type ${node.name} = (typeof ${constName})[number];`,
  ];
}

function renderRecord(node: RecordNode): string[] {
  const lines = [...docComment(node.doc, ''), `export interface ${node.name} {`];
  for (const field of node.fields) {
    lines.push(...docComment(field.doc, '  '), `  ${field.name}: ${typeExpression(field.type)};`);
  }
  lines.push('}');
  return lines;
}

/** The full text of types.generated.ts for the schemas as they are now. */
export function renderTypes(): string {
  const named = new Map<string, NamedNode>();
  const roots = TOPIC_NAMES.map((topic) => [topic, loadSchemaNode(topic)] as const);
  for (const [, root] of roots) collectNamed(root, named);

  const blocks: string[][] = [
    [
      '// Generated from schemas/*.avsc by schemas/generate-types.ts. Do not edit by hand:',
      '// change the schema and run `npx tsx schemas/generate-types.ts`.',
      '// Timestamps (timestamp-millis) are epoch milliseconds; bytes are Buffers.',
    ],
  ];
  for (const node of named.values())
    blocks.push(node.kind === 'enum' ? renderEnum(node) : renderRecord(node));
  blocks.push([
    '/** The value record of each topic. */',
    'export interface TopicRecords {',
    ...roots.map(([topic, root]) => `  ${quote(topic)}: ${root.name};`),
    '}',
  ]);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED_TYPES_FILE, renderTypes());
  console.log(`wrote ${fileURLToPath(GENERATED_TYPES_FILE)}`);
}
