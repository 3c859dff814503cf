/** Freezes an object graph so configuration cannot drift after validation. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    // for…in rather than Object.values: stores freeze every value put, and this allocates nothing.
    for (const key in value) deepFreeze(value[key]);
  }
  return value;
}
