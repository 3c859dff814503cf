/**
 * Compares two engines' answers: the same rows in the same order, numbers
 * equal to 1e-9 relative (aggregates may add in another order), everything
 * else exactly.
 */
export function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(Math.abs(a), Math.abs(b), 1e-300);
    return Math.abs(a - b) / scale <= 1e-9 || a === b ? [] : [`${path}: ${a} != ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} items != ${b.length} items`];
    return a.flatMap((item, i) => differences(item, b[i], `${path}[${i}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    const other = Object.keys(b);
    if (keys.join(',') !== other.join(',')) return [`${path}: columns ${keys} != ${other}`];
    return keys.flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`];
}
