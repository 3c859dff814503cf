import { identityOf } from './avro-schema.ts';
import type { CompatibilityLevel } from './compatibility.ts';
import type { RegistryRecord, SchemaRecord } from './records.ts';

export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly deleted: boolean;
}

/** Read access to the registry's facts; what stores expose and the service reads. */
export interface RegistryStateView {
  subjects(includeDeleted: boolean): string[];
  /** Versions of a subject, oldest first. */
  versions(subject: string, includeDeleted: boolean): SubjectVersion[];
  /** Highest version ever used by the subject, deleted ones included; 0 if none. */
  maxVersion(subject: string): number;
  schemaById(id: number): string | undefined;
  idForIdentity(identity: string): number | undefined;
  /** Subject versions holding this schema id, deleted ones included. */
  usesOfId(id: number): SubjectVersion[];
  maxId(): number;
  subjectCompatibility(subject: string): CompatibilityLevel | undefined;
  globalCompatibility(): CompatibilityLevel | undefined;
}

interface StoredSchema {
  readonly text: string;
  readonly identity: string | undefined;
}

/** Materialises records in log order; applying the latest record per key gives the same result. */
export class RegistryState implements RegistryStateView {
  private readonly byVersion = new Map<string, Map<number, SchemaRecord>>();
  private readonly deletedUpTo = new Map<string, number>();
  private readonly schemas = new Map<number, StoredSchema>();
  private readonly ids = new Map<string, number>();
  private readonly subjectLevels = new Map<string, CompatibilityLevel>();
  private globalLevel: CompatibilityLevel | undefined;
  private highestId = 0;

  apply(record: RegistryRecord): void {
    switch (record.kind) {
      case 'schema':
        this.applySchema(record);
        return;
      case 'config':
        if (record.subject === null) this.globalLevel = record.compatibilityLevel ?? undefined;
        else if (record.compatibilityLevel === null) this.subjectLevels.delete(record.subject);
        else this.subjectLevels.set(record.subject, record.compatibilityLevel);
        return;
      case 'delete-subject':
        this.deletedUpTo.set(record.subject, record.version);
        return;
    }
  }

  private applySchema(record: SchemaRecord): void {
    let versions = this.byVersion.get(record.subject);
    if (!versions) {
      versions = new Map();
      this.byVersion.set(record.subject, versions);
    }
    versions.set(record.version, record);
    if (!this.schemas.has(record.id)) {
      const identity = identityOf(record.schema);
      this.schemas.set(record.id, { text: record.schema, identity });
      if (identity !== undefined && !this.ids.has(identity)) this.ids.set(identity, record.id);
    }
    this.highestId = Math.max(this.highestId, record.id);
  }

  private toVersion(record: SchemaRecord): SubjectVersion {
    const deleted = record.deleted || record.version <= (this.deletedUpTo.get(record.subject) ?? 0);
    const schema = this.schemas.get(record.id)?.text ?? record.schema;
    return { subject: record.subject, version: record.version, id: record.id, schema, deleted };
  }

  subjects(includeDeleted: boolean): string[] {
    return [...this.byVersion.keys()]
      .filter((subject) => this.versions(subject, includeDeleted).length > 0)
      .sort();
  }

  versions(subject: string, includeDeleted: boolean): SubjectVersion[] {
    const versions = this.byVersion.get(subject);
    if (!versions) return [];
    return [...versions.values()]
      .map((record) => this.toVersion(record))
      .filter((entry) => includeDeleted || !entry.deleted)
      .sort((a, b) => a.version - b.version);
  }

  maxVersion(subject: string): number {
    const versions = this.byVersion.get(subject);
    return versions ? Math.max(0, ...versions.keys()) : 0;
  }

  schemaById(id: number): string | undefined {
    return this.schemas.get(id)?.text;
  }

  idForIdentity(identity: string): number | undefined {
    return this.ids.get(identity);
  }

  usesOfId(id: number): SubjectVersion[] {
    const uses: SubjectVersion[] = [];
    for (const versions of this.byVersion.values()) {
      for (const record of versions.values()) if (record.id === id) uses.push(this.toVersion(record));
    }
    return uses.sort((a, b) => a.subject.localeCompare(b.subject) || a.version - b.version);
  }

  maxId(): number {
    return this.highestId;
  }

  subjectCompatibility(subject: string): CompatibilityLevel | undefined {
    return this.subjectLevels.get(subject);
  }

  globalCompatibility(): CompatibilityLevel | undefined {
    return this.globalLevel;
  }
}
