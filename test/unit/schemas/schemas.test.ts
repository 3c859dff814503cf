import { existsSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import type { SchemaNode } from '../../../schemas/avro-model.ts';
import { loadSchema, loadSchemaNode } from '../../../schemas/load.ts';
import { keyOf, TOPIC_NAMES, TOPICS, topicSpec, valueSubject } from '../../../schemas/topics.ts';
import { DeadLetterReasonSymbols } from '../../../schemas/types.generated.ts';
import { REASON_DESCRIPTIONS } from '../../../streams/serde/reasons.ts';
import { SAMPLES } from '../../fixtures/avro/samples.ts';

interface Visit {
  readonly path: string;
  readonly node: SchemaNode;
  readonly doc: string | undefined;
  readonly hasDefault: boolean;
  readonly default: unknown;
}

function fieldsOf(node: SchemaNode, path = '', seen = new Set<SchemaNode>()): Visit[] {
  switch (node.kind) {
    case 'record':
      if (seen.has(node)) return [];
      seen.add(node);
      return node.fields.flatMap((field) => [
        {
          path: `${path}${field.name}`,
          node: field.type,
          doc: field.doc,
          hasDefault: field.hasDefault,
          default: field.default,
        },
        ...fieldsOf(field.type, `${path}${field.name}.`, seen),
      ]);
    case 'array':
      return fieldsOf(node.items, path, seen);
    case 'map':
      return fieldsOf(node.values, path, seen);
    case 'union':
      return node.branches.flatMap((branch) => fieldsOf(branch, path, seen));
    default:
      return [];
  }
}

describe.each(TOPIC_NAMES)('schema of %s', (topic) => {
  const raw = loadSchema(topic);
  const root = loadSchemaNode(topic);
  const fields = fieldsOf(root);

  it('parses with avsc and is a documented record in amc.learning', () => {
    expect(() => avro.Type.forSchema(raw as avro.Schema)).not.toThrow();
    expect(raw.namespace).toBe('amc.learning');
    expect(root.fullName).toBe(topicSpec(topic).recordName);
    expect(root.doc).toBeTruthy();
  });

  it('documents every field', () => {
    expect(fields.filter((field) => !field.doc).map((field) => field.path)).toEqual([]);
  });

  it('puts null first in every union and defaults it to null', () => {
    const unions = fields.filter((field) => field.node.kind === 'union');
    for (const field of unions) {
      const first = field.node.kind === 'union' ? field.node.branches[0] : undefined;
      expect(first, field.path).toMatchObject({ kind: 'primitive', type: 'null' });
      expect(field.hasDefault && field.default === null, `${field.path} defaults to null`).toBe(true);
    }
  });

  it('types every *_at, *_date-as-instant and timestamp field as timestamp-millis', () => {
    const instants = fields.filter((field) =>
      /(_at|^timestamp|\.timestamp|entry_date|window_start|window_end)$/.test(field.path),
    );
    for (const field of instants) {
      const node = field.node.kind === 'union' ? field.node.branches[1] : field.node;
      expect(node, field.path).toMatchObject({
        kind: 'primitive',
        type: 'long',
        logicalType: 'timestamp-millis',
      });
    }
  });

  it('has a schema file, a subject and key fields that exist', () => {
    const spec = topicSpec(topic);
    expect(existsSync(new URL(`../../../schemas/${spec.schemaFile}`, import.meta.url))).toBe(true);
    expect(valueSubject(topic)).toBe(`${topic}-value`);
    const names = root.fields.map((field) => field.name);
    for (const keyField of spec.keyFields) expect(names).toContain(keyField);
    expect(keyOf(topic, SAMPLES[topic])).not.toBe('');
  });
});

describe('topic catalogue', () => {
  it('names every topic of the design exactly once', () => {
    expect(new Set(TOPIC_NAMES).size).toBe(TOPIC_NAMES.length);
    expect(TOPIC_NAMES).toHaveLength(12);
    expect(TOPICS.parameters.cleanupPolicy).toBe('compact');
  });

  it('derives keys from value fields', () => {
    expect(
      keyOf(TOPICS.recommendationOutcomes.name, SAMPLES['amc.learning.recommendation-outcomes.v1']),
    ).toBe('run-2025-03-14-1300:QUBT');
    expect(keyOf(TOPICS.deadLetters.name, SAMPLES['amc.learning.dead-letters.v1'])).toBe(
      'amc.market.bars.v1:3:120455',
    );
  });

  it('describes every dead-letter reason code of the contract', () => {
    expect(Object.keys(REASON_DESCRIPTIONS).sort()).toEqual([...DeadLetterReasonSymbols].sort());
  });
});
