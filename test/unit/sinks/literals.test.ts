import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  array,
  boolean,
  date,
  dateTime,
  identifier,
  integer,
  join,
  list,
  number,
  qualified,
  Sql,
  SqlLiteralError,
  sql,
  string,
} from '../../../sinks/sql/literals.ts';

/** Reads a rendered string literal back the way ClickHouse's lexer does (C-style escapes inside quotes). */
function unquote(literal: string): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0', b: '\b', f: '\f' };
  let out = '';
  const body = literal.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "'") throw new Error(`unescaped quote at ${i} in ${literal}`);
    if (c === '\\') {
      const next = body[++i]!;
      out += escapes[next] ?? next;
    } else {
      out += c;
    }
  }
  return out;
}

describe('string literals', () => {
  it.each([
    ['plain', "'plain'"],
    ["O'NEIL", "'O\\'NEIL'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\'", "'\\\\\\''"],
    ['line\nbreak\ttab\r', "'line\\nbreak\\ttab\\r'"],
    ['nul\0byte', "'nul\\0byte'"],
    ['', "''"],
    ['ünïcødé ✓ 𝔸', "'ünïcødé ✓ 𝔸'"],
  ])('renders %j as %s', (value, expected) => {
    expect(string(value).text).toBe(expected);
  });

  it('reads back as the same text for any string, and never ends the literal early', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(unquote(string(value).text)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses text with a lone surrogate, which has no UTF-8 form', () => {
    expect(() => string('a\uD800b')).toThrowError(SqlLiteralError);
    expect(() => string('\uDC00')).toThrowError(SqlLiteralError);
    expect(string('\uD83D\uDE00').text).toBe("'\uD83D\uDE00'");
  });

  it('refuses what is not a string', () => {
    expect(() => string(5 as unknown as string)).toThrowError(SqlLiteralError);
  });
});

describe('identifiers', () => {
  it('back-quotes names of letters, digits and underscores', () => {
    expect(identifier('recommendation_tracking').text).toBe('`recommendation_tracking`');
    expect(qualified('amc_learning', 'alerts').text).toBe('`amc_learning`.`alerts`');
  });

  it.each(['', '1abc', 'a-b', 'a b', 'a`b', 'a;DROP TABLE x', 'tëst', 'a.b', "a'b", 'x'.repeat(129)])(
    'refuses %j',
    (name) => {
      expect(() => identifier(name)).toThrowError(SqlLiteralError);
    },
  );
});

describe('numbers', () => {
  it('renders finite numbers, negative ones in parentheses', () => {
    expect(number(42).text).toBe('42');
    expect(number(0.1).text).toBe('0.1');
    expect(number(-3.5).text).toBe('(-3.5)');
    expect(number(-0).text).toBe('0');
    expect(number(1e21).text).toBe('1e+21');
    expect(sql`x - ${number(-1)}`.text).toBe('x - (-1)');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s', (value) => {
    expect(() => number(value)).toThrowError(SqlLiteralError);
  });

  it('renders 64-bit integers from numbers, bigints and decimal text', () => {
    expect(integer(7).text).toBe('7');
    expect(integer('18446744073709551615').text).toBe('18446744073709551615');
    expect(integer(-(2n ** 63n)).text).toBe('(-9223372036854775808)');
    expect(() => integer(2 ** 53)).toThrowError(SqlLiteralError);
    expect(() => integer(1.5)).toThrowError(SqlLiteralError);
    expect(() => integer('12abc')).toThrowError(SqlLiteralError);
    expect(() => integer('1 OR 1=1')).toThrowError(SqlLiteralError);
    expect(() => integer(2n ** 64n)).toThrowError(SqlLiteralError);
  });

  it('renders booleans as 1 and 0', () => {
    expect(boolean(true).text).toBe('1');
    expect(boolean(false).text).toBe('0');
    expect(() => boolean('true' as unknown as boolean)).toThrowError(SqlLiteralError);
  });
});

describe('dates and instants', () => {
  it('renders calendar dates that exist', () => {
    expect(date('2025-03-14').text).toBe("toDate('2025-03-14')");
    expect(date('2024-02-29').text).toBe("toDate('2024-02-29')");
  });

  it.each(['2025-02-29', '2025-13-01', '2025-1-1', "2025-01-01'", '20250101', '', 'today'])(
    'refuses %j',
    (value) => {
      expect(() => date(value)).toThrowError(SqlLiteralError);
    },
  );

  it('renders instants as UTC DateTime, whole seconds', () => {
    expect(dateTime(Date.UTC(2025, 2, 14, 13, 0, 9, 450)).text).toBe(
      "toDateTime('2025-03-14 13:00:09', 'UTC')",
    );
    expect(() => dateTime(-1)).toThrowError(SqlLiteralError);
    expect(() => dateTime(Date.UTC(2106, 0, 1))).toThrowError(SqlLiteralError);
    expect(() => dateTime(Number.NaN)).toThrowError(SqlLiteralError);
  });
});

describe('the sql tag', () => {
  it('joins fragments', () => {
    const symbols = ['AMC', "O'NEIL"].map(string);
    expect(sql`SELECT * FROM ${identifier('t')} WHERE symbol IN ${list(symbols)}`.text).toBe(
      "SELECT * FROM `t` WHERE symbol IN ('AMC', 'O\\'NEIL')",
    );
    expect(array([]).text).toBe('[]');
    expect(join([number(1), number(2)], ' + ').text).toBe('1 + 2');
  });

  it('refuses a raw value, even when the type checker is bypassed', () => {
    const raw = "x' OR 1=1 --" as unknown as Sql;
    expect(() => sql`SELECT ${raw}`).toThrowError(SqlLiteralError);
  });

  it('cannot be forged from outside the module', () => {
    expect(() => new Sql(Symbol('sql fragment'), 'DROP TABLE x')).toThrowError(SqlLiteralError);
  });

  it('refuses an empty IN list', () => {
    expect(() => list([])).toThrowError(SqlLiteralError);
  });
});
