import { deepFreeze } from '../shared/deep-freeze.ts';
import { SortedKeys } from './sorted-keys.ts';
import type { JsonValue, KeyValueStore } from './types.ts';

/** A change to persist: `undefined` is a deletion (a tombstone in the changelog). */
export type StoreChange = readonly [key: string, value: JsonValue | undefined];

/**
 * An in-memory key-value store that remembers what changed since the last
 * commit, so a commit can write exactly those keys to the changelog and an
 * abort can put every value back. Values are frozen on the way in: a
 * processor that mutated a stored object in place would make rollback lie.
 */
export class TransactionalStore implements KeyValueStore<JsonValue> {
  private readonly data = new Map<string, JsonValue>();
  /** The value each key had at the last commit (`undefined`: absent). */
  private readonly undo = new Map<string, JsonValue | undefined>();
  /** Rises on every change, rollback and restore: lets a cache of derived data know it is stale. */
  private modifications = 0;
  /** Keys in order, built at the first range read and kept up to date from then on. */
  private ordered: SortedKeys | undefined;

  get version(): number {
    return this.modifications;
  }

  constructor(readonly name: string) {}

  get(key: string): JsonValue | undefined {
    return this.data.get(key);
  }

  has(key: string): boolean {
    return this.data.has(key);
  }

  get size(): number {
    return this.data.size;
  }

  put(key: string, value: JsonValue): void {
    if (value === undefined) throw new TypeError(`store ${this.name}: undefined is not a value (use delete)`);
    this.remember(key);
    this.data.set(key, deepFreeze(value));
    this.ordered?.insert(key);
    this.modifications++;
  }

  delete(key: string): void {
    if (!this.data.has(key)) return;
    this.remember(key);
    this.data.delete(key);
    this.ordered?.delete(key);
    this.modifications++;
  }

  /** Values in no particular order: cheaper than entries() where order does not matter. */
  unorderedValues(): IterableIterator<JsonValue> {
    return this.data.values();
  }

  *entries(): IterableIterator<[string, JsonValue]> {
    const keys = this.ordered ? [...this.ordered.all()] : [...this.data.keys()].sort();
    for (const key of keys) yield [key, this.data.get(key) as JsonValue];
  }

  /**
   * Entries whose keys k satisfy from <= k < to, in key order (descending
   * with `reverse`). The first range read builds an ordered index of the
   * keys, kept up to date from then on, so a read costs a binary search plus
   * the entries it returns. Keys compare as JavaScript strings do.
   */
  *range(
    from: string,
    to: string,
    options: { reverse?: boolean } = {},
  ): IterableIterator<[string, JsonValue]> {
    this.ordered ??= new SortedKeys(this.data.keys());
    for (const key of this.ordered.range(from, to, options.reverse))
      yield [key, this.data.get(key) as JsonValue];
  }

  private remember(key: string): void {
    if (!this.undo.has(key)) this.undo.set(key, this.data.get(key));
  }

  /**
   * The keys changed since the last commit with their current values. With
   * `skipUnchangedTombstones`, a key absent at the last commit and absent
   * again is left out: the changelog already says it is absent.
   */
  changes(options: { skipUnchangedTombstones?: boolean } = {}): StoreChange[] {
    const changes: StoreChange[] = [];
    for (const [key, before] of this.undo) {
      const now = this.data.get(key);
      if (options.skipUnchangedTombstones && before === undefined && now === undefined) continue;
      changes.push([key, now]);
    }
    return changes;
  }

  commit(): void {
    this.undo.clear();
  }

  rollback(): void {
    for (const [key, value] of this.undo) {
      if (value === undefined) {
        this.data.delete(key);
        this.ordered?.delete(key);
      } else {
        this.data.set(key, value);
        this.ordered?.insert(key);
      }
    }
    this.undo.clear();
    this.modifications++;
  }

  /** Applies a changelog record during restore (not a change to persist again). */
  restore(key: string, value: JsonValue | undefined): void {
    if (value === undefined) {
      this.data.delete(key);
      this.ordered?.delete(key);
    } else {
      this.data.set(key, deepFreeze(value));
      this.ordered?.insert(key);
    }
    this.modifications++;
  }

  clear(): void {
    this.data.clear();
    this.undo.clear();
    this.ordered = undefined;
    this.modifications++;
  }
}
