/**
 * Reading configuration overrides that come from outside the code (a file, an
 * environment): each reader checks one value against what is allowed, falls
 * back to the default when the key is absent, and fails through the caller's
 * error so the message names the component, the key and what is allowed.
 */

export type ConfigFailure = (key: string, problem: string, allowed: string) => Error;

/**
 * A bad configuration value of one component: which key, what is wrong, what
 * is allowed. Retrying cannot help; the configuration must change.
 */
export class ComponentConfigError extends Error {
  readonly retriable = false;

  constructor(
    component: string,
    readonly key: string,
    readonly problem: string,
    readonly allowed: string,
  ) {
    super(`${component} config: ${key} ${problem}; allowed: ${allowed}`);
  }
}

export type Fields = Readonly<Record<string, unknown>>;

export interface NumberBounds {
  readonly min?: number;
  /** Values must be strictly above this. */
  readonly above?: number;
  readonly max?: number;
  /** Values must be strictly below this. */
  readonly below?: number;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

function boundsText(bounds: NumberBounds): string {
  const parts: string[] = [];
  if (bounds.min !== undefined) parts.push(`>= ${bounds.min}`);
  if (bounds.above !== undefined) parts.push(`> ${bounds.above}`);
  if (bounds.max !== undefined) parts.push(`<= ${bounds.max}`);
  if (bounds.below !== undefined) parts.push(`< ${bounds.below}`);
  return parts.length === 0 ? '' : ` ${parts.join(' and ')}`;
}

function inBounds(value: number, bounds: NumberBounds): boolean {
  return (
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.above === undefined || value > bounds.above) &&
    (bounds.max === undefined || value <= bounds.max) &&
    (bounds.below === undefined || value < bounds.below)
  );
}

export interface ConfigReader {
  /** An object whose keys are all in allowedKeys (null: any key, as for a map). Absent: {}. */
  object(value: unknown, key: string, allowedKeys: readonly string[] | null): Fields;
  finite(value: unknown, key: string, fallback: number, bounds?: NumberBounds): number;
  integer(value: unknown, key: string, fallback: number, bounds?: NumberBounds): number;
  boolean(value: unknown, key: string, fallback: boolean): boolean;
  /** A list of non-empty strings. */
  strings(value: unknown, key: string, fallback: readonly string[]): string[];
  /** One of the allowed strings. */
  choice<T extends string>(value: unknown, key: string, fallback: T, allowed: readonly T[]): T;
  /** A map from names to numbers within bounds, overlaid on the fallback map. */
  numberMap(
    value: unknown,
    key: string,
    fallback: Readonly<Record<string, number>>,
    bounds?: NumberBounds,
  ): Record<string, number>;
  /** Throws the caller's error for a rule that involves several keys. */
  fail(key: string, problem: string, allowed: string): never;
}

export function configReader(failure: ConfigFailure): ConfigReader {
  const fail = (key: string, problem: string, allowed: string): never => {
    throw failure(key, problem, allowed);
  };
  const finite = (value: unknown, key: string, fallback: number, bounds: NumberBounds = {}): number => {
    if (value === undefined) return fallback;
    const allowed = `a finite number${boundsText(bounds)}`;
    if (typeof value !== 'number' || !Number.isFinite(value))
      fail(key, `is ${describeValue(value)}`, allowed);
    if (!inBounds(value as number, bounds)) fail(key, `is ${value}`, allowed);
    return value as number;
  };
  const object = (value: unknown, key: string, allowedKeys: readonly string[] | null): Fields => {
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(key, `is ${describeValue(value)}`, 'an object');
    }
    if (allowedKeys !== null) {
      for (const field of Object.keys(value as object)) {
        if (!allowedKeys.includes(field))
          fail(`${key}.${field}`, 'is not a known key', allowedKeys.join(', '));
      }
    }
    return value as Fields;
  };
  return {
    object,
    finite,
    integer(value, key, fallback, bounds = {}) {
      if (value === undefined) return fallback;
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        fail(key, `is ${describeValue(value)}`, `an integer${boundsText(bounds)}`);
      }
      return finite(value, key, fallback, bounds);
    },
    boolean(value, key, fallback) {
      if (value === undefined) return fallback;
      if (typeof value !== 'boolean') fail(key, `is ${describeValue(value)}`, 'true | false');
      return value as boolean;
    },
    strings(value, key, fallback) {
      if (value === undefined) return [...fallback];
      const allowed = 'a list of non-empty strings';
      if (!Array.isArray(value)) fail(key, `is ${describeValue(value)}`, allowed);
      (value as unknown[]).forEach((item, index) => {
        if (typeof item !== 'string' || item.trim() === '') {
          fail(`${key}.${index}`, `is ${describeValue(item)}`, allowed);
        }
      });
      return [...(value as string[])];
    },
    choice(value, key, fallback, allowed) {
      if (value === undefined) return fallback;
      if (!(allowed as readonly unknown[]).includes(value)) {
        fail(key, `is ${describeValue(value)}`, allowed.map((a) => `'${a}'`).join(' | '));
      }
      return value as typeof fallback;
    },
    numberMap(value, key, fallback, bounds = {}) {
      const overrides = object(value, key, null);
      const map: Record<string, number> = { ...fallback };
      for (const [name, entry] of Object.entries(overrides)) {
        if (name.trim() === '') fail(`${key}.${name}`, 'is an empty name', 'non-empty names');
        if (entry === undefined)
          fail(`${key}.${name}`, 'is undefined', `a finite number${boundsText(bounds)}`);
        map[name] = finite(entry, `${key}.${name}`, Number.NaN, bounds);
      }
      return map;
    },
    fail,
  };
}
