import type avro from 'avsc';
import { errors } from './errors.ts';

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD';

export function isCompatibilityLevel(value: unknown): value is CompatibilityLevel {
  return typeof value === 'string' && (COMPATIBILITY_LEVELS as readonly string[]).includes(value);
}

/** Accepts any letter case, as Confluent does; throws 42203 otherwise. */
export function parseCompatibilityLevel(value: unknown): CompatibilityLevel {
  const upper = typeof value === 'string' ? value.toUpperCase() : value;
  if (isCompatibilityLevel(upper)) return upper;
  throw errors.invalidCompatibilityLevel(value);
}

export interface VersionedType {
  readonly version: number;
  readonly type: avro.Type;
}

/**
 * Judges a candidate schema against earlier versions by Avro schema
 * resolution. BACKWARD: the candidate reads data written with an earlier
 * version; FORWARD: an earlier version reads data written with the candidate;
 * FULL: both. Non-transitive levels look at the latest of `previous` only.
 *
 * @param previous earlier live versions, oldest first
 * @returns why the candidate is incompatible; empty when it is compatible
 */
export function incompatibilities(
  candidate: avro.Type,
  previous: readonly VersionedType[],
  level: CompatibilityLevel,
): string[] {
  if (level === 'NONE' || previous.length === 0) return [];
  const transitive = level.endsWith('_TRANSITIVE');
  const against = transitive ? previous : previous.slice(-1);
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  const reasons: string[] = [];
  for (const earlier of against) {
    if (backward) {
      const problem = readProblem(candidate, earlier.type);
      if (problem)
        reasons.push(`the new schema cannot read data written with version ${earlier.version}: ${problem}`);
    }
    if (forward) {
      const problem = readProblem(earlier.type, candidate);
      if (problem)
        reasons.push(`version ${earlier.version} cannot read data written with the new schema: ${problem}`);
    }
  }
  return reasons;
}

function readProblem(reader: avro.Type, writer: avro.Type): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
