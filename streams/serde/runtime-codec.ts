import { eventTimeOf } from '../../schemas/event-time.ts';
import type { TopicName } from '../../schemas/topics.ts';
import {
  DeadLetterReasonSymbols,
  type DeadLetter as DeadLetterRecord,
} from '../../schemas/types.generated.ts';
import { RuntimeError } from '../runtime/errors.ts';
import { type JsonEventTime, jsonCodec } from '../runtime/json-codec.ts';
import type { Codec, DeadLetter, Decoded, MaybePromise } from '../runtime/types.ts';
import type { Serde } from './serde.ts';

/**
 * How each topic a processor touches is encoded: the product's topics are
 * Avro through the schema registry (a topic may carry another name, e.g. in
 * tests, and still be bound to its contract), internal topics are JSON. Each
 * declares where its records' event time is: the contract's extractor
 * (schemas/event-time.ts) for Avro, its own for each internal topic.
 */
export interface TopicBindings {
  readonly avro: ReadonlyMap<string, TopicName>;
  readonly json: ReadonlyMap<string, JsonEventTime>;
}

const KNOWN_REASONS = new Set<string>(DeadLetterReasonSymbols);
const REASON_ALIASES: Readonly<Record<string, (typeof DeadLetterReasonSymbols)[number]>> = {
  PROCESSOR_ERROR: 'PROCESSING_FAILED',
  NULL_VALUE: 'MISSING_VALUE',
};

/** The runtime's dead letter as the contract's record; reasons the enum lacks become OTHER, named in the text. */
export function toDeadLetterRecord(letter: DeadLetter): DeadLetterRecord {
  const alias = REASON_ALIASES[letter.reason_code];
  const known = alias ?? (KNOWN_REASONS.has(letter.reason_code) ? letter.reason_code : undefined);
  return {
    source_topic: letter.source_topic,
    source_partition: letter.source_partition,
    source_offset: letter.source_offset,
    source_timestamp: letter.source_timestamp,
    key: letter.key,
    value: letter.value,
    reason_code: (known ?? 'OTHER') as DeadLetterRecord['reason_code'],
    reason: known === undefined ? `${letter.reason_code}: ${letter.reason}` : letter.reason,
    processor: letter.processor,
    failed_at: letter.failed_at,
  };
}

export function createRuntimeCodec(serde: Serde, bindings: TopicBindings): Codec<unknown> {
  const contractOf = (topic: string): TopicName => {
    const contract = bindings.avro.get(topic);
    if (contract === undefined) throw new RuntimeError(`no encoding is bound to topic ${topic}`, 'fatal');
    return contract;
  };
  const jsonCodecs = new Map([...bindings.json].map(([topic, extractor]) => [topic, jsonCodec(extractor)]));
  return {
    decode(topic: string, value: Buffer | null): MaybePromise<Decoded<unknown>> {
      const json = jsonCodecs.get(topic);
      if (json) return json.decode(topic, value);
      const contract = contractOf(topic);
      return serde
        .decode(contract, value)
        .then(
          (result): Decoded<unknown> =>
            result.ok
              ? { ok: true, value: result.record, eventTime: eventTimeOf(contract, result.record) }
              : { ok: false, code: result.rejection.code, reason: result.rejection.message },
        );
    },
    encode(topic: string, value: unknown): MaybePromise<Buffer | string> {
      const json = jsonCodecs.get(topic);
      if (json) return json.encode(topic, value);
      const contract = contractOf(topic);
      const record =
        contract === 'amc.learning.dead-letters.v1' ? toDeadLetterRecord(value as DeadLetter) : value;
      // The processors build records of their output contracts; serde.encode checks them against the schema.
      return serde.encode(contract, record as never);
    },
  };
}
