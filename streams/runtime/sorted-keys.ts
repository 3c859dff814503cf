/** Keys per chunk before it splits: small enough that a splice is cheap, large enough that chunks are few. */
const MAX_CHUNK = 512;

/**
 * A set of strings kept in order, for range reads of a store: sorted chunks
 * of at most MAX_CHUNK keys, so an insert or delete costs a binary search and
 * a short splice, not a move of every key after it.
 */
export class SortedKeys {
  private chunks: string[][] = [];

  constructor(keys: Iterable<string> = []) {
    const sorted = [...keys].sort(compare);
    for (let start = 0; start < sorted.length; start += MAX_CHUNK / 2)
      this.chunks.push(sorted.slice(start, start + MAX_CHUNK / 2));
  }

  insert(key: string): void {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      return;
    }
    const c = Math.min(this.chunkFor(key), this.chunks.length - 1);
    const chunk = this.chunks[c]!;
    const i = lowerBound(chunk, key);
    if (chunk[i] === key) return;
    chunk.splice(i, 0, key);
    if (chunk.length > MAX_CHUNK)
      this.chunks.splice(c, 1, chunk.slice(0, MAX_CHUNK / 2), chunk.slice(MAX_CHUNK / 2));
  }

  delete(key: string): void {
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    if (!chunk) return;
    const i = lowerBound(chunk, key);
    if (chunk[i] !== key) return;
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
  }

  /** Keys k with from <= k < to, ascending, or descending with `reverse`. */
  *range(from: string, to: string, reverse = false): IterableIterator<string> {
    if (reverse) {
      for (let c = Math.min(this.chunkFor(to), this.chunks.length - 1); c >= 0; c--) {
        const chunk = this.chunks[c]!;
        for (let i = lowerBound(chunk, to) - 1; i >= 0; i--) {
          if (chunk[i]! < from) return;
          yield chunk[i]!;
        }
      }
      return;
    }
    const first = this.chunkFor(from);
    for (let c = first; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      for (let i = c === first ? lowerBound(chunk, from) : 0; i < chunk.length; i++) {
        if (chunk[i]! >= to) return;
        yield chunk[i]!;
      }
    }
  }

  *all(): IterableIterator<string> {
    for (const chunk of this.chunks) yield* chunk;
  }

  get size(): number {
    let size = 0;
    for (const chunk of this.chunks) size += chunk.length;
    return size;
  }

  /** The first chunk whose last key is >= key (chunks.length when there is none). */
  private chunkFor(key: string): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (chunk[chunk.length - 1]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Code-unit order, as `<` compares strings: the order of the keys' UTF-16 code units. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function lowerBound(chunk: readonly string[], key: string): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunk[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
