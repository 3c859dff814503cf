// Stable reason codes of rejected records, one place. The codes are the
// symbols of the DeadLetterReason enum in schemas/dead-letter.avsc, so a code
// can only be added by changing the contract.
import type { DeadLetterReason } from '../../schemas/types.generated.ts';

export type ReasonCode = DeadLetterReason;

export interface Rejection {
  readonly code: ReasonCode;
  readonly message: string;
}

export const REASON_DESCRIPTIONS: Readonly<Record<ReasonCode, string>> = {
  WRONG_MAGIC_BYTE: 'first byte is not the Confluent wire-format magic byte 0',
  TRUNCATED: 'value shorter than its header, or the Avro body ends before the record does',
  UNKNOWN_SCHEMA_ID: 'the registry does not know the schema id in the header',
  SCHEMA_MISMATCH: "the writer schema cannot be read with the topic's schema",
  CORRUPT_BODY: 'the Avro body does not decode (bad index, bad UTF-8, trailing bytes...)',
  MISSING_VALUE: 'the record has no value (tombstone) where one is required',
  NON_POSITIVE_PRICE: 'a price is zero or negative',
  NON_FINITE_NUMBER: 'a number is NaN or infinite',
  FUTURE_TIMESTAMP: 'a timestamp lies further in the future than the allowed margin',
  EMPTY_SYMBOL: 'a symbol is empty or blank',
  EMPTY_ID: 'an identifier or key field is empty or blank',
  OUT_OF_RANGE: 'a value lies outside its documented range or scale',
  INCONSISTENT_BAR: 'bar prices contradict each other (high below low, open or close outside the range)',
  INCONSISTENT_TIMES: 'timestamps are out of order (finished before started, as of before entry)',
  INCONSISTENT_ID: 'a derived identifier does not match the fields it is derived from',
  DUPLICATE_SYMBOL: 'a symbol appears twice where it must be unique',
  KEY_MISMATCH: "the record key does not match the value's key fields",
  PROCESSING_FAILED: 'a processor could not handle an otherwise valid record',
  OTHER: 'any other reason, including codes unknown to this reader',
};

export function rejection(code: ReasonCode, message: string): Rejection {
  return { code, message };
}
