// Checks every topic gets from its schema alone: numbers must be finite, and
// no timestamp-millis field may lie beyond the clock plus a margin.
import type { SchemaNode } from '../../schemas/avro-model.ts';
import { type Rejection, rejection } from './reasons.ts';

export interface RuleContext {
  /** Current time in epoch ms, from the caller's clock (event time in a replay). */
  readonly now: number;
  /** How far past `now` a timestamp may lie before it is rejected. */
  readonly futureMarginMs: number;
}

export const DEFAULT_FUTURE_MARGIN_MS = 60 * 60 * 1000;

function describe(path: readonly (string | number)[]): string {
  return path.join('.') || '(record)';
}

/** First schema-wide violation in a decoded value, or undefined. */
export function checkGeneric(node: SchemaNode, value: unknown, context: RuleContext): Rejection | undefined {
  const path: (string | number)[] = [];

  const visit = (schema: SchemaNode, current: unknown): Rejection | undefined => {
    switch (schema.kind) {
      case 'primitive':
        if (typeof current !== 'number') return undefined;
        if (!Number.isFinite(current)) {
          return rejection('NON_FINITE_NUMBER', `${describe(path)} is ${current}`);
        }
        if (schema.logicalType === 'timestamp-millis' && current > context.now + context.futureMarginMs) {
          return rejection(
            'FUTURE_TIMESTAMP',
            `${describe(path)} = ${current} is ${current - context.now} ms past the clock (margin ${context.futureMarginMs} ms)`,
          );
        }
        return undefined;
      case 'record': {
        const fields = current as Record<string, unknown>;
        for (const field of schema.fields) {
          path.push(field.name);
          const found = visit(field.type, fields[field.name]);
          path.pop();
          if (found) return found;
        }
        return undefined;
      }
      case 'array': {
        const items = current as unknown[];
        for (let index = 0; index < items.length; index += 1) {
          path.push(index);
          const found = visit(schema.items, items[index]);
          path.pop();
          if (found) return found;
        }
        return undefined;
      }
      case 'map':
        for (const [key, entry] of Object.entries(current as Record<string, unknown>)) {
          path.push(key);
          const found = visit(schema.values, entry);
          path.pop();
          if (found) return found;
        }
        return undefined;
      case 'union': {
        if (current === null) return undefined;
        const branch = schema.branches.find(
          (candidate) => !(candidate.kind === 'primitive' && candidate.type === 'null'),
        );
        return branch && schema.branches.length === 2 ? visit(branch, current) : undefined;
      }
      case 'enum':
        return undefined;
    }
  };

  return visit(node, value);
}
