/** Reading ClickHouse JSON values: 64-bit integers arrive as strings, flags as 0/1, times as epoch seconds. */

export type Int64 = string | number;

export const toInt = (value: Int64): number => Number(value);
export const toFlag = (value: number | string): boolean => Number(value) === 1;
export const nullableFlag = (value: number | string | null): boolean | null =>
  value === null ? null : toFlag(value);
export const isoOfSeconds = (seconds: Int64): string => new Date(Number(seconds) * 1000).toISOString();
export const nullableIsoOfSeconds = (seconds: Int64 | null): string | null =>
  seconds === null ? null : isoOfSeconds(seconds);

/** A map column stored as parallel key and value arrays. */
export function mapOf<V>(keys: readonly string[], values: readonly V[]): Record<string, V> {
  return Object.fromEntries(keys.map((key, i) => [key, values[i]!]));
}
