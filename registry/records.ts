import type { CompatibilityLevel } from './compatibility.ts';
import { isCompatibilityLevel } from './compatibility.ts';

/**
 * What the registry remembers, one fact per record. The state is a function
 * of the latest record for each key, so the log may be compacted.
 */
export interface SchemaRecord {
  readonly kind: 'schema';
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly deleted: boolean;
}

/** A compatibility level for a subject, or the global one when subject is null; null level clears it. */
export interface ConfigRecord {
  readonly kind: 'config';
  readonly subject: string | null;
  readonly compatibilityLevel: CompatibilityLevel | null;
}

/** Soft-deletes every version of the subject up to and including `version`. */
export interface DeleteSubjectRecord {
  readonly kind: 'delete-subject';
  readonly subject: string;
  readonly version: number;
}

export type RegistryRecord = SchemaRecord | ConfigRecord | DeleteSubjectRecord;

export interface EncodedRecord {
  readonly key: string;
  readonly value: string | null;
}

/** Keys and values in the shape Confluent's registry writes to `_schemas`, so the topic reads the same. */
export function encodeRecord(record: RegistryRecord): EncodedRecord {
  switch (record.kind) {
    case 'schema':
      return {
        key: JSON.stringify({
          keytype: 'SCHEMA',
          subject: record.subject,
          version: record.version,
          magic: 1,
        }),
        value: JSON.stringify({
          subject: record.subject,
          version: record.version,
          id: record.id,
          schema: record.schema,
          deleted: record.deleted,
        }),
      };
    case 'config':
      return {
        key: JSON.stringify(
          record.subject === null
            ? { keytype: 'CONFIG', magic: 0 }
            : { keytype: 'CONFIG', subject: record.subject, magic: 0 },
        ),
        value:
          record.compatibilityLevel === null
            ? null
            : JSON.stringify({ compatibilityLevel: record.compatibilityLevel }),
      };
    case 'delete-subject':
      return {
        key: JSON.stringify({ keytype: 'DELETE_SUBJECT', subject: record.subject, magic: 0 }),
        value: JSON.stringify({ subject: record.subject, version: record.version }),
      };
  }
}

/**
 * Reads one record back. Returns undefined for keys this registry does not
 * act on (NOOP, MODE and the like from other registries) and for records it
 * cannot understand, which are skipped rather than stopping the rebuild.
 */
export function decodeRecord(key: string, value: string | null): RegistryRecord | undefined {
  const k = parseObject(key);
  if (!k) return undefined;
  const v = value === null ? null : parseObject(value);
  const subject = typeof k.subject === 'string' ? k.subject : null;
  switch (k.keytype) {
    case 'SCHEMA': {
      // A tombstone is a permanent delete by another registry; nothing to restore.
      if (!v || subject === null || typeof k.version !== 'number') return undefined;
      if (typeof v.id !== 'number' || typeof v.schema !== 'string') return undefined;
      if (v.schemaType !== undefined && v.schemaType !== 'AVRO') return undefined;
      return {
        kind: 'schema',
        subject,
        version: k.version,
        id: v.id,
        schema: v.schema,
        deleted: v.deleted === true,
      };
    }
    case 'CONFIG': {
      const level = v?.compatibilityLevel;
      return { kind: 'config', subject, compatibilityLevel: isCompatibilityLevel(level) ? level : null };
    }
    case 'DELETE_SUBJECT':
      if (!v || subject === null || typeof v.version !== 'number') return undefined;
      return { kind: 'delete-subject', subject, version: v.version };
    default:
      return undefined;
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
