/**
 * The one way a value enters SQL text. ClickHouse 18.16 has no server-side
 * query parameters, so every request value is rendered here as a literal,
 * and every table or column name as a checked identifier. Query text is an
 * `Sql` value built with the `sql` tag: only `Sql` fragments can be
 * interpolated, so a raw string cannot reach a query by accident (the type
 * checker refuses it, and so does the tag at run time).
 */

/** A value cannot be rendered as SQL; a programming or input error, never worth retrying. */
export class SqlLiteralError extends Error {
  override readonly name = 'SqlLiteralError';
  readonly retriable = false;
}

const MINT = Symbol('sql fragment');

/** SQL text that came from this module (its constructor needs a token only this module holds). */
export class Sql {
  constructor(
    token: symbol,
    readonly text: string,
  ) {
    if (token !== MINT) throw new SqlLiteralError('Sql fragments are made by sinks/sql/literals.ts only');
  }

  toString(): string {
    return this.text;
  }
}

function fragment(text: string): Sql {
  return new Sql(MINT, text);
}

/** Joins template text and fragments; anything but an `Sql` fragment is refused. */
export function sql(strings: TemplateStringsArray, ...values: readonly Sql[]): Sql {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    if (!(value instanceof Sql)) {
      throw new SqlLiteralError(`value #${i} of a sql template is a ${typeof value}, not an Sql fragment`);
    }
    text += value.text + (strings[i + 1] ?? '');
  });
  return fragment(text);
}

export function join(fragments: readonly Sql[], separator = ', '): Sql {
  return fragment(fragments.map((f) => f.text).join(separator));
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A table, view, column or database name: plain letters, digits and underscores only, back-quoted. */
export function identifier(name: string): Sql {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new SqlLiteralError(
      `${JSON.stringify(name)} is not an identifier (letters, digits and '_', not starting with a digit)`,
    );
  }
  return fragment(`\`${name}\``);
}

/** `database`.`table`. */
export function qualified(database: string, name: string): Sql {
  return sql`${identifier(database)}.${identifier(name)}`;
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * A quoted string. Backslash and quote are escaped (ClickHouse reads C-style
 * escapes in literals), and so are control characters so that the text stays
 * one line in logs. Text that is not well-formed UTF-16 (a lone surrogate)
 * has no UTF-8 form and is refused rather than silently altered.
 */
export function string(value: string): Sql {
  if (typeof value !== 'string') throw new SqlLiteralError(`${typeof value} is not a string`);
  if (LONE_SURROGATE.test(value)) throw new SqlLiteralError('string contains a lone surrogate');
  return fragment(`'${value.replace(/[\\'\n\r\t\0\b\f]/g, (c) => STRING_ESCAPES[c]!)}'`);
}

/** A finite number. Negative numbers are parenthesised so that `a - ${n}` never reads as `a --n`. */
export function number(value: number): Sql {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SqlLiteralError(`${String(value)} is not a finite number`);
  }
  const text = Object.is(value, -0) ? '0' : String(value);
  return fragment(value < 0 ? `(${text})` : text);
}

/** An integer, from a safe JS integer, a bigint or a decimal string (64-bit values such as offsets). */
export function integer(value: number | bigint | string): Sql {
  let big: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new SqlLiteralError(`${value} is not a safe integer`);
    big = BigInt(value);
  } else if (typeof value === 'bigint') {
    big = value;
  } else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) {
    big = BigInt(value);
  } else {
    throw new SqlLiteralError(`${JSON.stringify(value)} is not an integer`);
  }
  if (big < -(2n ** 63n) || big >= 2n ** 64n) throw new SqlLiteralError(`${big} does not fit 64 bits`);
  return fragment(big < 0n ? `(${big})` : String(big));
}

export function boolean(value: boolean): Sql {
  if (typeof value !== 'boolean') throw new SqlLiteralError(`${typeof value} is not a boolean`);
  return fragment(value ? '1' : '0');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date, YYYY-MM-DD, checked to exist, as toDate('...'). */
export function date(value: string): Sql {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new SqlLiteralError(`${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
  }
  return fragment(`toDate('${value}')`);
}

/** DateTime columns hold whole seconds from 1970 to 2105; the range both engines store. */
const MAX_DATETIME_MS = Date.UTC(2105, 11, 31, 23, 59, 59);

/** An instant in epoch milliseconds as a UTC DateTime; milliseconds are dropped, as DateTime columns drop them. */
export function dateTime(epochMs: number): Sql {
  if (!Number.isFinite(epochMs) || epochMs < 0 || epochMs > MAX_DATETIME_MS) {
    throw new SqlLiteralError(`${epochMs} is not an instant DateTime can hold (1970 to 2105, in ms)`);
  }
  const text = new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return fragment(`toDateTime('${text}', 'UTC')`);
}

/** An array literal of already-rendered items; `[]` for none. */
export function array(items: readonly Sql[]): Sql {
  return sql`[${join(items)}]`;
}

/** A tuple list for `IN (...)`: at least one item, since `IN ()` is not SQL. */
export function list(items: readonly Sql[]): Sql {
  if (items.length === 0) throw new SqlLiteralError('an IN list needs at least one item');
  return sql`(${join(items)})`;
}

/** Literal rendering of the values a request can carry. */
export const literal = { string, number, integer, boolean, date, dateTime, array, list } as const;
