/**
 * How record fields become column values: instants as UTC DateTime text,
 * booleans as 0/1, maps as parallel key and value arrays. A value a column
 * cannot represent (an instant before 1970 or after 2105) is a MappingError,
 * and its record a dead letter, rather than a silently wrapped date.
 */

/** The record cannot be turned into rows; never worth retrying. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly retriable = false;
}

/** Where a row came from: its record's place in Kafka. */
export interface RowSource {
  readonly partition: number;
  /** Kafka offsets are 64-bit; kept as text. */
  readonly offset: string;
}

const MAX_DATETIME_MS = Date.UTC(2105, 11, 31, 23, 59, 59, 999);

/** Whether a DateTime column can hold the instant. */
export function dateTimeHolds(epochMs: number): boolean {
  return Number.isFinite(epochMs) && epochMs >= 0 && epochMs <= MAX_DATETIME_MS;
}

/** An epoch-ms instant as DateTime('UTC') text; milliseconds are dropped, as the column drops them. */
export function dateTime(epochMs: number, field: string): string {
  if (!dateTimeHolds(epochMs)) {
    throw new MappingError(`${field} = ${epochMs} is outside what a DateTime column holds (1970 to 2105)`);
  }
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

export function nullableDateTime(epochMs: number | null, field: string): string | null {
  return epochMs === null ? null : dateTime(epochMs, field);
}

export function flag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function nullableFlag(value: boolean | null): 0 | 1 | null {
  return value === null ? null : flag(value);
}

/** A map as two parallel arrays, in the record's own order. */
export function entries<V>(map: Readonly<Record<string, V>>): { keys: string[]; values: V[] } {
  const keys = Object.keys(map);
  return { keys, values: keys.map((key) => map[key]!) };
}

/** The lineage columns every table carries. */
export function lineage(source: RowSource): { kafka_partition: number; kafka_offset: string } {
  return { kafka_partition: source.partition, kafka_offset: source.offset };
}
