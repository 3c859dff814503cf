// Validates the lines of a JSONL file against a topic's schema and rules,
// without touching Kafka: which lines to produce (with their keys) and why
// the others are refused.
import { loadSchemaNode } from '../../../schemas/load.ts';
import { keyOf, type TopicName } from '../../../schemas/topics.ts';
import type { TopicRecords } from '../../../schemas/types.generated.ts';
import { readerType } from '../avro-codec.ts';
import type { RuleContext } from '../generic-checks.ts';
import { recordFromJson } from '../json-input.ts';
import type { ReasonCode } from '../reasons.ts';
import { checkRecord } from '../rules.ts';

export type LineProblem = 'INVALID_JSON' | 'SCHEMA_VIOLATION' | ReasonCode;

export interface GoodLine<T extends TopicName> {
  readonly lineNumber: number;
  readonly key: string;
  readonly record: TopicRecords[T];
}

export interface BadLine {
  readonly lineNumber: number;
  readonly code: LineProblem;
  readonly message: string;
}

export interface LineReport<T extends TopicName> {
  readonly good: readonly GoodLine<T>[];
  readonly bad: readonly BadLine[];
}

/** Validates one line (1-based lineNumber); blank lines are the caller's to skip. */
export function validateLine<T extends TopicName>(
  topic: T,
  line: string,
  lineNumber: number,
  context: RuleContext,
): GoodLine<T> | BadLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { lineNumber, code: 'INVALID_JSON', message: (error as Error).message };
  }
  const coerced = recordFromJson(loadSchemaNode(topic), json);
  if (!coerced.ok) return { lineNumber, code: 'SCHEMA_VIOLATION', message: coerced.message };
  const broken = recordProblem(topic, coerced.value, context);
  if (broken) return { lineNumber, ...broken };
  const record = coerced.value as TopicRecords[T];
  return { lineNumber, key: keyOf(topic, record), record };
}

/**
 * Why a record may not be produced to a topic (its schema, then the serde's
 * rules), or undefined when it may: the one check every producer applies.
 */
export function recordProblem<T extends TopicName>(
  topic: T,
  record: unknown,
  context: RuleContext,
): { readonly code: LineProblem; readonly message: string } | undefined {
  if (!readerType(topic).isValid(record)) {
    return { code: 'SCHEMA_VIOLATION', message: `does not match the schema of ${topic}` };
  }
  return checkRecord(topic, record as TopicRecords[T], context);
}

export function validateLines<T extends TopicName>(
  topic: T,
  text: string,
  context: RuleContext,
): LineReport<T> {
  const good: GoodLine<T>[] = [];
  const bad: BadLine[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const result = validateLine(topic, line, index + 1, context);
    if ('code' in result) bad.push(result);
    else good.push(result);
  });
  return { good, bad };
}
