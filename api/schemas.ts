/**
 * JSON-schema pieces the routes share: the success envelope and the request
 * values every route spells the same way. Patterns are deliberately narrow:
 * a value that does not match is refused with 400 before any SQL is built.
 */

/** `{ success: true, ...payload }`, nothing else. */
export function successSchema(properties: Record<string, object>, description?: string) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['success', ...Object.keys(properties)],
    properties: { success: { type: 'boolean', const: true }, ...properties },
    ...(description ? { description } : {}),
  } as const;
}

export const nullableNumber = { type: ['number', 'null'] } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const dateTimeString = { type: 'string', format: 'date-time' } as const;
export const dateString = { type: 'string', format: 'date' } as const;

/** Ticker symbols: letters and digits, single '.', '-' or '/' between them (BRK.B, PAII.U, BF-B). */
export const symbolParam = {
  type: 'string',
  maxLength: 16,
  pattern: '^[A-Za-z0-9]+([./-][A-Za-z0-9]+)*$',
  description: 'Ticker symbol: letters, digits, . - / (at most 16)',
} as const;

/** Plain ids: letters and digits, one separator at a time, so no quote, comment or operator fits. */
export const TRACKING_ID_PATTERN = '^[A-Za-z0-9]+([._:/-][A-Za-z0-9]+)*$';

/** Tracking ids are <run_id>:<symbol>; run ids are limited to the same plain characters. */
export const trackingIdParam = {
  type: 'string',
  maxLength: 160,
  pattern: TRACKING_ID_PATTERN,
  description: '<run_id>:<symbol>; letters and digits with single . _ : / - between them (at most 160)',
} as const;

export const alertIdParam = {
  type: 'string',
  pattern: '^[0-9a-f]{32}$',
  description: 'Alert id: 32 lower-case hex digits',
} as const;

export function daysParam(defaultDays: number, maxDays: number) {
  return { type: 'integer', minimum: 1, maximum: maxDays, default: defaultDays } as const;
}

export const dateParam = {
  type: 'string',
  format: 'date',
  maxLength: 10,
  description: 'YYYY-MM-DD (UTC)',
} as const;

export const limitParam = (defaultLimit: number, maxLimit: number) =>
  ({ type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit }) as const;

export const cursorParam = {
  type: 'string',
  minLength: 1,
  maxLength: 400,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'next_cursor of the previous page',
} as const;

export const booleanParam = { type: 'boolean' } as const;

/** Who asks, as the learning commands record it: printable text, not blank (at most 100 characters). */
export const requestedByParam = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*$',
  description: 'Operator or token name the command is recorded under',
} as const;

/** Plain ids with single separators: they end up in cycle and proposal ids and record keys. */
const PLAIN_ID_PATTERN = '^[A-Za-z0-9]+([._:-][A-Za-z0-9]+)*$';

export const commandIdParam = {
  type: 'string',
  maxLength: 100,
  pattern: PLAIN_ID_PATTERN,
  description:
    'Idempotency key: a command sent again with the same command_id is applied once (a fresh UUID when left out)',
} as const;

export const proposalIdParam = {
  type: 'string',
  maxLength: 200,
  pattern: PLAIN_ID_PATTERN,
  description:
    '<cycle_id>:<parameter> of the proposal the operator saw; a newer one is not approved in its place',
} as const;

export const parameterNameParam = {
  type: 'string',
  maxLength: 100,
  pattern: '^[a-z][a-z0-9_]*$',
  description: 'Parameter name as in the discovery runs and on amc.learning.parameters.v1',
} as const;
