import type avro from 'avsc';
import { assertAvroSchemaType, type ParsedSchema, parseAvroSchema } from './avro-schema.ts';
import { type CompatibilityLevel, DEFAULT_COMPATIBILITY, incompatibilities } from './compatibility.ts';
import { errors, RegistryError } from './errors.ts';
import type { SubjectVersion } from './state.ts';
import type { RegistryStore } from './store.ts';
import type { VersionRef } from './version-ref.ts';

/** The body Confluent clients send when registering, looking up or testing a schema. */
export interface SchemaRequest {
  readonly schema?: unknown;
  readonly schemaType?: unknown;
  readonly references?: unknown;
}

export interface RegistryServiceOptions {
  readonly store: RegistryStore;
  /** Level in force when neither the subject nor the global config sets one. */
  readonly defaultCompatibility?: CompatibilityLevel;
}

/**
 * The registry's operations over a store. Writes run one at a time in this
 * process, each on a state caught up with the store, and return once the
 * store has applied them.
 */
export class RegistryService {
  private readonly store: RegistryStore;
  private readonly defaultLevel: CompatibilityLevel;
  private readonly types = new Map<number, avro.Type>();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(options: RegistryServiceOptions) {
    this.store = options.store;
    this.defaultLevel = options.defaultCompatibility ?? DEFAULT_COMPATIBILITY;
  }

  private get state() {
    return this.store.state;
  }

  /** Runs a read; on a miss, catches up with the store once and retries (another instance may have written). */
  private async read<T>(query: () => T): Promise<T> {
    try {
      return query();
    } catch (error) {
      if (!(error instanceof RegistryError) || error.status !== 404) throw error;
      await this.store.sync();
      return query();
    }
  }

  private exclusive<T>(write: () => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      await this.store.sync();
      return write();
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  private typeOf(entry: SubjectVersion): avro.Type {
    let type = this.types.get(entry.id);
    if (!type) {
      type = parseAvroSchema(entry.schema).type;
      this.types.set(entry.id, type);
    }
    return type;
  }

  private liveVersions(subject: string): SubjectVersion[] {
    const live = this.state.versions(subject, false);
    if (live.length === 0) throw errors.subjectNotFound(subject);
    return live;
  }

  private findVersion(subject: string, ref: VersionRef, includeDeleted: boolean): SubjectVersion {
    const versions = this.state.versions(subject, includeDeleted);
    if (versions.length === 0) throw errors.subjectNotFound(subject);
    const found = ref === 'latest' ? versions.at(-1) : versions.find((entry) => entry.version === ref);
    if (!found) throw errors.versionNotFound(ref);
    return found;
  }

  effectiveCompatibility(subject: string): CompatibilityLevel {
    return this.state.subjectCompatibility(subject) ?? this.globalCompatibility();
  }

  subjects(includeDeleted: boolean): string[] {
    return this.state.subjects(includeDeleted);
  }

  versions(subject: string, includeDeleted: boolean): Promise<number[]> {
    return this.read(() => {
      const versions = this.state.versions(subject, includeDeleted);
      if (versions.length === 0) throw errors.subjectNotFound(subject);
      return versions.map((entry) => entry.version);
    });
  }

  version(subject: string, ref: VersionRef, includeDeleted: boolean): Promise<SubjectVersion> {
    return this.read(() => this.findVersion(subject, ref, includeDeleted));
  }

  schemaById(id: number): Promise<string> {
    return this.read(() => {
      const schema = this.state.schemaById(id);
      if (schema === undefined) throw errors.schemaNotFound(`Schema ${id} not found`);
      return schema;
    });
  }

  usesOfId(id: number, includeDeleted: boolean): Promise<SubjectVersion[]> {
    return this.read(() => {
      if (this.state.schemaById(id) === undefined) throw errors.schemaNotFound(`Schema ${id} not found`);
      return this.state.usesOfId(id).filter((use) => includeDeleted || !use.deleted);
    });
  }

  lookup(subject: string, request: SchemaRequest, includeDeleted: boolean): Promise<SubjectVersion> {
    const parsed = parseRequest(request);
    return this.read(() => {
      const versions = this.state.versions(subject, includeDeleted);
      if (versions.length === 0) throw errors.subjectNotFound(subject);
      const id = this.state.idForIdentity(parsed.identity);
      const match = versions.filter((entry) => entry.id === id).at(-1);
      if (!match) throw errors.schemaNotFound();
      return match;
    });
  }

  globalCompatibility(): CompatibilityLevel {
    return this.state.globalCompatibility() ?? this.defaultLevel;
  }

  subjectCompatibility(subject: string, defaultToGlobal: boolean): CompatibilityLevel {
    const level = this.state.subjectCompatibility(subject);
    if (level) return level;
    if (defaultToGlobal) return this.globalCompatibility();
    throw errors.subjectConfigNotFound(subject);
  }

  /** @returns the reasons the schema is incompatible; empty when compatible. */
  async testCompatibility(subject: string, ref: VersionRef, request: SchemaRequest): Promise<string[]> {
    const parsed = parseRequest(request);
    await this.store.sync();
    const level = this.effectiveCompatibility(subject);
    if (ref === 'latest') {
      const live = this.state.versions(subject, false);
      return incompatibilities(parsed.type, this.typed(live), level);
    }
    const entry = this.findVersion(subject, ref, false);
    return incompatibilities(parsed.type, this.typed([entry]), level);
  }

  private typed(entries: readonly SubjectVersion[]) {
    return entries.map((entry) => ({ version: entry.version, type: this.typeOf(entry) }));
  }

  /** Registers the schema under the subject, reusing the id of an identical schema anywhere. */
  register(subject: string, request: SchemaRequest): Promise<{ id: number }> {
    const parsed = parseRequest(request);
    return this.exclusive(async () => {
      const live = this.state.versions(subject, false);
      const knownId = this.state.idForIdentity(parsed.identity);
      if (knownId !== undefined && live.some((entry) => entry.id === knownId)) return { id: knownId };

      const reasons = incompatibilities(parsed.type, this.typed(live), this.effectiveCompatibility(subject));
      if (reasons.length > 0) throw errors.incompatibleSchema(subject, reasons);

      const id = knownId ?? this.state.maxId() + 1;
      const schema = (knownId !== undefined && this.state.schemaById(knownId)) || parsed.text;
      const version = this.state.maxVersion(subject) + 1;
      await this.store.append([{ kind: 'schema', subject, version, id, schema, deleted: false }]);
      return { id };
    });
  }

  setCompatibility(subject: string | null, level: CompatibilityLevel): Promise<CompatibilityLevel> {
    return this.exclusive(async () => {
      await this.store.append([{ kind: 'config', subject, compatibilityLevel: level }]);
      return level;
    });
  }

  /** @returns the level the subject had */
  clearSubjectCompatibility(subject: string): Promise<CompatibilityLevel> {
    return this.exclusive(async () => {
      const previous = this.subjectCompatibility(subject, false);
      await this.store.append([{ kind: 'config', subject, compatibilityLevel: null }]);
      return previous;
    });
  }

  /** Soft delete: hidden from listings, ids stay resolvable. @returns the versions deleted */
  deleteSubject(subject: string): Promise<number[]> {
    return this.exclusive(async () => {
      if (this.state.versions(subject, true).length === 0) throw errors.subjectNotFound(subject);
      const live = this.state.versions(subject, false);
      if (live.length === 0) throw errors.subjectSoftDeleted(subject);
      const upTo = this.state.maxVersion(subject);
      await this.store.append([{ kind: 'delete-subject', subject, version: upTo }]);
      return live.map((entry) => entry.version);
    });
  }

  /** Soft delete of one version. @returns the version deleted */
  deleteVersion(subject: string, ref: VersionRef): Promise<number> {
    return this.exclusive(async () => {
      const all = this.state.versions(subject, true);
      if (all.length === 0) throw errors.subjectNotFound(subject);
      const entry = ref === 'latest' ? this.liveVersions(subject).at(-1) : all.find((e) => e.version === ref);
      if (!entry) throw errors.versionNotFound(ref);
      if (entry.deleted) throw errors.versionSoftDeleted(subject, entry.version);
      const { version, id, schema } = entry;
      await this.store.append([{ kind: 'schema', subject, version, id, schema, deleted: true }]);
      return version;
    });
  }
}

function parseRequest(request: SchemaRequest): ParsedSchema {
  assertAvroSchemaType(request.schemaType);
  if (Array.isArray(request.references) && request.references.length > 0) {
    throw errors.invalidSchema('schema references are not supported by this registry');
  }
  return parseAvroSchema(request.schema);
}
