/**
 * What an insert failure means, decided in one place from the server's error
 * code (parsed from the text, which both 18.16's and current ClickHouse's
 * messages start with `Code: N`):
 * - `refused`: the data broke the table's types; the same rows will fail
 *   again, so the sink finds the bad rows and dead-letters them;
 * - `unavailable`: the server is down, overloaded or unreachable; back off
 *   and retry the same rows;
 * - `fatal`: missing table, bad credentials, a bug; stop, nothing is lost
 *   since offsets are only committed after an acknowledged insert.
 */
export type WriteFailure = 'refused' | 'unavailable' | 'fatal';

/** Server codes meaning the rows could not be read into the table's types. */
export const REFUSED_CODES: Readonly<Record<number, string>> = {
  6: 'CANNOT_PARSE_TEXT',
  25: 'CANNOT_PARSE_ESCAPE_SEQUENCE',
  26: 'CANNOT_PARSE_QUOTED_STRING',
  27: 'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
  32: 'ATTEMPT_TO_READ_AFTER_EOF',
  33: 'CANNOT_READ_ALL_DATA',
  38: 'CANNOT_PARSE_DATE',
  41: 'CANNOT_PARSE_DATETIME',
  53: 'TYPE_MISMATCH',
  69: 'ARGUMENT_OUT_OF_BOUND',
  70: 'CANNOT_CONVERT_TYPE',
  72: 'CANNOT_PARSE_NUMBER',
  117: 'INCORRECT_DATA',
  130: 'CANNOT_READ_ARRAY_FROM_TEXT',
  131: 'TOO_LARGE_STRING_SIZE',
  190: 'SIZES_OF_ARRAYS_DOESNT_MATCH',
  321: 'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE',
  349: 'CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN',
};

/** Server codes meaning "not now": overload, timeouts, a connection cut mid-request. */
export const UNAVAILABLE_CODES: Readonly<Record<number, string>> = {
  3: 'UNEXPECTED_END_OF_FILE',
  159: 'TIMEOUT_EXCEEDED',
  202: 'TOO_MANY_SIMULTANEOUS_QUERIES',
  203: 'NO_FREE_CONNECTION',
  209: 'SOCKET_TIMEOUT',
  210: 'NETWORK_ERROR',
  236: 'ABORTED',
  241: 'MEMORY_LIMIT_EXCEEDED',
  242: 'TABLE_IS_READ_ONLY',
  252: 'TOO_MANY_PARTS',
  319: 'UNKNOWN_STATUS_OF_INSERT',
  394: 'QUERY_WAS_CANCELLED',
  425: 'SYSTEM_ERROR',
};

export class WriteError extends Error {
  override readonly name = 'WriteError';

  constructor(
    message: string,
    readonly failure: WriteFailure,
    /** The ClickHouse error code, when the server gave one. */
    readonly serverCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retriable(): boolean {
    return this.failure === 'unavailable';
  }
}

/** The `Code: N` a ClickHouse error message starts with, if any. */
export function serverCodeOf(message: string): number | undefined {
  const match = /\bCode: (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

export function failureOfCode(code: number | undefined): WriteFailure {
  if (code === undefined) return 'unavailable';
  if (code in REFUSED_CODES) return 'refused';
  if (code in UNAVAILABLE_CODES) return 'unavailable';
  return 'fatal';
}

/**
 * Any error of an insert as a WriteError. Errors without a server code are
 * transport errors (refused connections, resets, timeouts, a proxy's page):
 * the server was not reached or did not answer, so a retry may work.
 */
export function toWriteError(error: unknown): WriteError {
  if (error instanceof WriteError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = serverCodeOf(message);
  return new WriteError(message.trim(), failureOfCode(code), code, { cause: error });
}
