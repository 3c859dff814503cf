// Encode and decode the project's records in the Confluent wire format,
// with schema ids from a registry (TopicNameStrategy subjects). Decoding
// never throws on bad bytes: it returns the typed record or the reason it
// belongs on the dead-letter topic. It does throw (RegistryError) when the
// registry cannot be asked, because that says nothing about the record.
import { readSchemaText } from '../../schemas/load.ts';
import { keyOf, TOPIC_NAMES, type TopicName, topicSpec, valueSubject } from '../../schemas/topics.ts';
import type { TopicRecords } from '../../schemas/types.generated.ts';
import { checkBody } from './avro-bounds.ts';
import {
  type AvroResolver,
  parseWriterSchema,
  readerType,
  resolverFor,
  type WriterSchema,
} from './avro-codec.ts';
import { DEFAULT_FUTURE_MARGIN_MS } from './generic-checks.ts';
import { type Rejection, rejection } from './reasons.ts';
import type { SchemaRegistryClient } from './registry-client.ts';
import { checkRecord } from './rules.ts';
import { frame, unframe } from './wire-format.ts';

export type DecodeResult<T> =
  | { readonly ok: true; readonly record: T; readonly schemaId: number }
  | { readonly ok: false; readonly rejection: Rejection; readonly schemaId?: number };

export interface DecodeOptions {
  /** The record's key; when given and not null, it must equal the key derived from the value. */
  readonly key?: Uint8Array | string | null;
  /** Overrides the serde's clock for this record (e.g. the record's own event time). */
  readonly now?: number;
}

export interface Serde {
  /** Registers every project schema under its subject (idempotent); returns the ids. */
  registerAll(): Promise<ReadonlyMap<TopicName, number>>;
  encode<T extends TopicName>(topic: T, record: TopicRecords[T]): Promise<Buffer>;
  decode<T extends TopicName>(
    topic: T,
    value: Uint8Array | null | undefined,
    options?: DecodeOptions,
  ): Promise<DecodeResult<TopicRecords[T]>>;
}

export interface SerdeOptions {
  readonly registry: SchemaRegistryClient;
  /** Epoch-ms clock the future-timestamp rule measures against. */
  readonly clock?: () => number;
  readonly futureMarginMs?: number;
  /** How long an unknown schema id is remembered as unknown before the registry is asked again. */
  readonly unknownIdTtlMs?: number;
}

/** A record does not match its topic's schema; encoding it is a programming error. */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  readonly retriable = false;
}

type WriterLookup = { readonly writer: WriterSchema } | { readonly rejection: Rejection };

export function createSerde(options: SerdeOptions): Serde {
  const { registry } = options;
  const clock = options.clock ?? Date.now;
  const futureMarginMs = options.futureMarginMs ?? DEFAULT_FUTURE_MARGIN_MS;
  const unknownIdTtlMs = options.unknownIdTtlMs ?? 30_000;

  const idsByTopic = new Map<TopicName, Promise<number>>();
  const writers = new Map<number, WriterLookup>();
  const unknownUntil = new Map<number, number>();
  const resolvers = new Map<string, { readonly resolver: AvroResolver | undefined } | Rejection>();

  function schemaId(topic: TopicName): Promise<number> {
    let id = idsByTopic.get(topic);
    if (id === undefined) {
      id = registry.register(valueSubject(topic), readSchemaText(topicSpec(topic).schemaFile));
      idsByTopic.set(topic, id);
      id.catch(() => idsByTopic.delete(topic));
    }
    return id;
  }

  async function writerFor(id: number): Promise<WriterLookup> {
    const cached = writers.get(id);
    if (cached !== undefined) return cached;
    const unknownSince = unknownUntil.get(id);
    if (unknownSince !== undefined && unknownSince > clock()) {
      return { rejection: rejection('UNKNOWN_SCHEMA_ID', `schema id ${id} is not in the registry`) };
    }
    const text = await registry.schemaById(id);
    if (text === undefined) {
      unknownUntil.set(id, clock() + unknownIdTtlMs);
      return { rejection: rejection('UNKNOWN_SCHEMA_ID', `schema id ${id} is not in the registry`) };
    }
    let lookup: WriterLookup;
    try {
      lookup = { writer: parseWriterSchema(text) };
    } catch (error) {
      lookup = {
        rejection: rejection('SCHEMA_MISMATCH', `schema ${id} is not a usable Avro schema: ${error}`),
      };
    }
    writers.set(id, lookup);
    return lookup;
  }

  function resolution(topic: TopicName, id: number, writer: WriterSchema) {
    const cacheKey = `${topic}#${id}`;
    let found = resolvers.get(cacheKey);
    if (found === undefined) {
      try {
        found = { resolver: resolverFor(readerType(topic), writer) };
      } catch (error) {
        found = rejection('SCHEMA_MISMATCH', `schema ${id} cannot be read as ${topic}: ${error}`);
      }
      resolvers.set(cacheKey, found);
    }
    return found;
  }

  return {
    async registerAll() {
      const ids = await Promise.all(
        TOPIC_NAMES.map(async (topic) => [topic, await schemaId(topic)] as const),
      );
      return new Map(ids);
    },

    async encode(topic, record) {
      const type = readerType(topic);
      const problems: string[] = [];
      const valid = type.isValid(record, {
        errorHook: (path: string[], value: unknown) => problems.push(`${path.join('.')}=${String(value)}`),
      });
      if (!valid)
        throw new EncodeError(`record does not match the schema of ${topic}: ${problems.join(', ')}`);
      return frame(await schemaId(topic), type.toBuffer(record));
    },

    async decode(topic, value, decodeOptions = {}) {
      const unframed = unframe(value);
      if (!unframed.ok) return { ok: false, rejection: unframed.rejection };
      const { schemaId: id, body } = unframed;
      const fail = (reason: Rejection) => ({ ok: false, rejection: reason, schemaId: id }) as const;

      const lookup = await writerFor(id);
      if ('rejection' in lookup) return fail(lookup.rejection);
      const resolved = resolution(topic, id, lookup.writer);
      if ('code' in resolved) return fail(resolved);
      const structural = checkBody(lookup.writer.node, body);
      if (structural) return fail(structural);

      let record: TopicRecords[typeof topic];
      try {
        record = readerType(topic).fromBuffer(body, resolved.resolver) as TopicRecords[typeof topic];
      } catch (error) {
        return fail(rejection('CORRUPT_BODY', `avro decode failed: ${error}`));
      }

      const broken = checkRecord(topic, record, { now: decodeOptions.now ?? clock(), futureMarginMs });
      if (broken) return fail(broken);

      const key = decodeOptions.key;
      if (key !== undefined && key !== null) {
        const actual = typeof key === 'string' ? key : Buffer.from(key).toString('utf8');
        const expected = keyOf(topic, record);
        if (actual !== expected) {
          return fail(rejection('KEY_MISMATCH', `key is ${JSON.stringify(actual)}, value says ${expected}`));
        }
      }
      return { ok: true, record, schemaId: id };
    },
  };
}
