/** WHERE clauses and paging from optional request filters: every value through the literal module. */
import { join, number, type Sql, sql } from '../literals.ts';

/** `WHERE a AND b ...`, or nothing when there are no conditions. */
export function where(conditions: readonly (Sql | undefined)[]): Sql {
  const present = conditions.filter((c): c is Sql => c !== undefined);
  return present.length === 0 ? sql`` : sql`WHERE ${join(present, ' AND ')}`;
}

/** A condition only when the filter was given. */
export function when<T>(value: T | undefined, condition: (value: T) => Sql): Sql | undefined {
  return value === undefined ? undefined : condition(value);
}

export interface Page {
  readonly limit?: number;
  readonly offset?: number;
}

export const MAX_LIMIT = 10_000;

/** `LIMIT n OFFSET m`, the limit capped so that no request reads a whole table. */
export function page(p: Page, defaultLimit = 100): Sql {
  const limit = Math.min(Math.max(Math.trunc(p.limit ?? defaultLimit), 1), MAX_LIMIT);
  const offset = Math.max(Math.trunc(p.offset ?? 0), 0);
  return sql`LIMIT ${number(limit)} OFFSET ${number(offset)}`;
}
