// Small predicates the per-topic rules are written with. Each returns a
// Rejection naming the field path, or undefined when the value is fine.
import { type Rejection, rejection } from './reasons.ts';

export type Check = Rejection | undefined;

export function firstOf(...checks: readonly Check[]): Check {
  return checks.find((check) => check !== undefined);
}

export function symbol(value: string, path: string): Check {
  return value.trim() === '' ? rejection('EMPTY_SYMBOL', `${path} is empty`) : undefined;
}

export function id(value: string, path: string): Check {
  return value.trim() === '' ? rejection('EMPTY_ID', `${path} is empty`) : undefined;
}

export function price(value: number | null, path: string): Check {
  return value !== null && !(value > 0) ? rejection('NON_POSITIVE_PRICE', `${path} = ${value}`) : undefined;
}

export function positive(value: number | null, path: string): Check {
  return value !== null && !(value > 0)
    ? rejection('OUT_OF_RANGE', `${path} = ${value}, must be > 0`)
    : undefined;
}

export function nonNegative(value: number | null, path: string): Check {
  return value !== null && value < 0
    ? rejection('OUT_OF_RANGE', `${path} = ${value}, must be >= 0`)
    : undefined;
}

export function within(value: number | null, low: number, high: number, path: string): Check {
  return value !== null && (value < low || value > high)
    ? rejection('OUT_OF_RANGE', `${path} = ${value}, must be within [${low}, ${high}]`)
    : undefined;
}

export function notBefore(earlier: number, later: number, earlierPath: string, laterPath: string): Check {
  return later < earlier
    ? rejection('INCONSISTENT_TIMES', `${laterPath} (${later}) is before ${earlierPath} (${earlier})`)
    : undefined;
}

export function distinct(values: readonly string[], path: string): Check {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return rejection('DUPLICATE_SYMBOL', `${path} has ${value} twice`);
    seen.add(value);
  }
  return undefined;
}

export function derivedId(value: string, expected: string, path: string): Check {
  return value !== expected
    ? rejection('INCONSISTENT_ID', `${path} is ${value}, expected ${expected}`)
    : undefined;
}
