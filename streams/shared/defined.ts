/**
 * The entries of `fields` that are not undefined: with exactOptionalPropertyTypes
 * an optional property may be absent but not undefined, so optional settings
 * pass through this rather than through a spread per field.
 */
export function defined<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
