// Reading upstream's field values: numbers written as JSON numbers, Python
// floats in CSV text, or money and percent strings ("$30.45", "$+0.92",
// "+1.0%"), and ticker symbols.
import type { ImportProblem } from './refusals.ts';

export type FieldResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ImportProblem; readonly message: string };

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(code: ImportProblem, message: string): FieldResult<T> => ({ ok: false, code, message });

/** A finite number from a JSON number or text; "$", "%", "+" and thousands commas are shed. */
export function numberField(value: unknown, name: string): FieldResult<number> {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return fail('MISSING_FIELD', `${name} is empty`);
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? ok(value) : fail('BAD_NUMBER', `${name} is ${value}`);
  }
  if (typeof value !== 'string') return fail('BAD_NUMBER', `${name} is ${JSON.stringify(value)}`);
  const cleaned = value
    .trim()
    .replace(/^\$/, '')
    .replace(/^([+-])\$/, '$1')
    .replace(/%$/, '')
    .replace(/,/g, '');
  const parsed = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned) ? Number(cleaned) : Number.NaN;
  return Number.isFinite(parsed) ? ok(parsed) : fail('BAD_NUMBER', `${name} is "${value}", not a number`);
}

/** Like numberField, but an absent or empty value is undefined rather than a problem. */
export function optionalNumberField(value: unknown, name: string): FieldResult<number | undefined> {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return ok(undefined);
  }
  return numberField(value, name);
}

/**
 * Exchange tickers as US venues and Polygon print them: a letter, then up to
 * five letters or digits, then at most one class suffix: '.B' or '-B' style
 * (BRK.B, PAII.U), '.WS' warrants, or Polygon's preferred-share 'p' with its
 * series (ORCLpD). Symbols pass through unchanged, so a scan's symbol meets
 * the same provider's bars. Provider-prefixed names (X:BTCUSD, O:...) and
 * lower case are not listed equities and are refused rather than guessed at.
 */
const TICKER = /^[A-Z][A-Z0-9]{0,5}(?:[.-][A-Z0-9]{1,2}|\.WS|p[A-Z]?)?$/;

export function symbolField(value: unknown, name = 'symbol'): FieldResult<string> {
  if (typeof value !== 'string' || value.trim() === '') return fail('MISSING_FIELD', `${name} is empty`);
  const symbol = value.trim();
  return TICKER.test(symbol)
    ? ok(symbol)
    : fail(
        'BAD_SYMBOL_FORMAT',
        `${name} "${symbol}" is not a ticker (A-Z and digits, one .X, -X, .WS or pX suffix)`,
      );
}

/** Free text, or null when it is empty or one of upstream's placeholders. */
export function textField(value: unknown, placeholders: readonly string[] = []): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || placeholders.some((p) => p.toLowerCase() === text.toLowerCase())) return null;
  return text;
}
