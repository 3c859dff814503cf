// Why an upstream row was not published: stable codes, one place. The
// serde's own reason codes (a record that breaks the contract's rules) pass
// through unchanged beside these.
import type { LineProblem } from '../../streams/serde/cli/validate-lines.ts';

export const IMPORT_PROBLEMS = {
  NOT_AN_UPSTREAM_FILE: 'the file is not one of the AMC-TRADER formats this kind reads',
  DAMAGED_ROW: 'a CSV line with the wrong number of fields, or a quote never closed (truncated file)',
  MISSING_FIELD: 'a field the mapping needs is absent or empty',
  BAD_NUMBER: 'a number field holds something that is not a finite number',
  BAD_TIME: 'a date or time that cannot be read, or that never showed on the upstream clock',
  BAD_SYMBOL_FORMAT: 'a symbol that is not an exchange ticker (letters and digits, one class suffix)',
  UNSCORED_ROW: 'the scan log carries no score for the row (logged as 0); its scan file has it',
  NO_QUANTITY: 'nothing in the data says how many shares were bought',
  NO_ENTRY_DATE: 'nothing in the data says when the position was opened',
  NO_EQUITY: 'no account equity for the time of the snapshot (give --equity)',
  DATE_MISMATCH: "the row's date is not the date of the snapshot time given",
} as const;

export type ImportProblem = keyof typeof IMPORT_PROBLEMS;
export type RefusalCode = ImportProblem | LineProblem;

export interface Refusal {
  readonly file: string;
  /** First line of the refused row. */
  readonly line: number;
  /** Last line when one refusal covers several rows (a whole unscored scan). */
  readonly lastLine?: number;
  /** How many rows the refusal covers (1 unless lastLine is set). */
  readonly rows: number;
  readonly code: RefusalCode;
  readonly message: string;
}

export function refusal(
  file: string,
  line: number,
  code: RefusalCode,
  message: string,
  span?: { lastLine: number; rows: number },
): Refusal {
  return span ? { file, line, code, message, ...span } : { file, line, code, message, rows: 1 };
}

/** 'file:line: CODE: message', the way compilers and the produce CLI report. */
export function formatRefusal(r: Refusal): string {
  const lines = r.lastLine !== undefined && r.lastLine !== r.line ? `${r.line}-${r.lastLine}` : `${r.line}`;
  return `${r.file}:${lines}: ${r.code}: ${r.message}`;
}
