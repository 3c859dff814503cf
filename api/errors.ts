/**
 * Every error the API answers with, by stable code: its HTTP status, whether
 * the same request may succeed if retried, and what it means. Clients branch
 * on `code`, never on the message. A test checks this list against the code,
 * the OpenAPI document and the README.
 */

export interface ApiErrorSpec {
  readonly status: number;
  readonly retriable: boolean;
  readonly description: string;
}

export const API_ERRORS = {
  INVALID_REQUEST: {
    status: 400,
    retriable: false,
    description: 'A path, query or body value is missing, of the wrong type, out of range or not allowed',
  },
  INVALID_RANGE: {
    status: 400,
    retriable: false,
    description: 'The date range is empty, reversed or longer than the route allows',
  },
  INVALID_CURSOR: {
    status: 400,
    retriable: false,
    description: 'The pagination cursor was not issued by this API',
  },
  INVALID_JSON: { status: 400, retriable: false, description: 'The request body is not valid JSON' },
  COMMAND_REFUSED: {
    status: 400,
    retriable: false,
    description: "The learning coordinator's rules refuse the command as asked; nothing was published",
  },
  TOKEN_MISSING: {
    status: 401,
    retriable: false,
    description: 'The route needs an Authorization: Bearer token and none was sent',
  },
  TOKEN_INVALID: {
    status: 403,
    retriable: false,
    description: 'The bearer token sent is not the configured one',
  },
  MUTATIONS_DISABLED: {
    status: 403,
    retriable: false,
    description: 'AMC_API_TOKEN is not set, so every POST route and the alert WebSocket are disabled',
  },
  NOT_FOUND: { status: 404, retriable: false, description: 'No such route' },
  RECOMMENDATION_NOT_FOUND: {
    status: 404,
    retriable: false,
    description: 'No tracked recommendation has this id',
  },
  ALERT_NOT_FOUND: { status: 404, retriable: false, description: 'No alert has this id' },
  PARAMETER_NOT_FOUND: {
    status: 404,
    retriable: false,
    description: 'The learning coordinator has no parameter of this name',
  },
  NO_PIPELINE_RUN: {
    status: 404,
    retriable: true,
    description: 'No discovery run has been assessed yet; there will be one after the next run',
  },
  ALERT_ALREADY_ACKNOWLEDGED: {
    status: 409,
    retriable: false,
    description: 'The alert is acknowledged already',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    retriable: false,
    description: 'The request body is larger than allowed',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    retriable: false,
    description: 'The request body is not application/json',
  },
  RATE_LIMITED: {
    status: 429,
    retriable: true,
    description: 'Too many expensive queries from this client; retry after the Retry-After header',
  },
  INTERNAL: {
    status: 500,
    retriable: false,
    description: 'An unexpected error; it is logged with the request id',
  },
  STORE_NOT_READY: {
    status: 503,
    retriable: true,
    description:
      'The ClickHouse tables do not exist yet (the sink creates them on start, or npm run db:migrate)',
  },
  CLICKHOUSE_UNAVAILABLE: { status: 503, retriable: true, description: 'ClickHouse did not answer' },
  QUERY_TIMEOUT: { status: 503, retriable: true, description: 'The query took longer than allowed' },
  KAFKA_UNAVAILABLE: {
    status: 503,
    retriable: true,
    description: 'The record could not be published to Kafka; nothing was written',
  },
  LEARNING_UNAVAILABLE: {
    status: 503,
    retriable: true,
    description:
      "The learning coordinator's command topic does not exist yet (the job creates it when the coordinator starts); nothing was published",
  },
} as const satisfies Record<string, ApiErrorSpec>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export const API_ERROR_CODES = Object.keys(API_ERRORS) as ApiErrorCode[];

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly retriable: boolean;

  constructor(
    readonly code: ApiErrorCode,
    message: string = API_ERRORS[code].description,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.status = API_ERRORS[code].status;
    this.retriable = API_ERRORS[code].retriable;
  }
}

export function apiError(code: ApiErrorCode, message?: string, details?: readonly string[]): ApiError {
  return new ApiError(code, message, details);
}

/** The body of every error answer. */
export function errorBody(error: ApiError) {
  return {
    success: false as const,
    error: {
      code: error.code,
      message: error.message,
      retriable: error.retriable,
      ...(error.details.length > 0 ? { details: [...error.details] } : {}),
    },
  };
}

export const errorResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['success', 'error'],
  properties: {
    success: { type: 'boolean', const: false },
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message', 'retriable'],
      properties: {
        code: { type: 'string', enum: API_ERROR_CODES },
        message: { type: 'string' },
        retriable: { type: 'boolean' },
        details: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;

/** Errors any route can answer with, whatever it does. */
export const ANY_ROUTE_ERRORS: readonly ApiErrorCode[] = ['INTERNAL'];

/** Errors of every token-protected route with a JSON body, before it does anything. */
export const MUTATION_ERRORS: readonly ApiErrorCode[] = [
  'INVALID_REQUEST',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOKEN_MISSING',
  'TOKEN_INVALID',
  'MUTATIONS_DISABLED',
];

/**
 * The response schemas of a route's possible errors, grouped by status, for
 * OpenAPI and for checking the answers. A route lists the codes it raises.
 */
export function errorResponses(codes: readonly ApiErrorCode[]): Record<number, object> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of [...codes, ...ANY_ROUTE_ERRORS]) {
    const status = API_ERRORS[code].status;
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        ...errorResponseSchema,
        description: list.map((code) => `${code}: ${API_ERRORS[code].description}`).join('; '),
      },
    ]),
  );
}
