/**
 * The ladder of bench:runtime: the reference processor under exactly-once as
 * it was, then with one change more on each row, so every change has its
 * before and after in the same run.
 */
import { referenceCodec } from '../../streams/reference/count-processor.ts';
import { encodeJsonWithBytes } from '../../streams/runtime/json-codec.ts';
import type { RuntimeTuning } from '../../streams/runtime/tuning.ts';
import type { Codec } from '../../streams/runtime/types.ts';
import { ALL_PERFORMANCE_PATCHES, type PerformancePatch } from './kafkajs-builds.ts';

export interface Variant {
  readonly name: string;
  readonly change: string;
  readonly without: readonly PerformancePatch[];
  readonly tuning: Partial<RuntimeTuning>;
  /** The codec of the reference processor's outputs. */
  readonly codec: Codec;
}

/** JSON outputs through a replacer, as before values were checked for bytes. */
const replacerCodec: Codec = {
  ...referenceCodec,
  encode: async (_topic, value) => encodeJsonWithBytes(value),
};

/** Timestamps as kafkajs types them: every row before the change that hands them over as numbers. */
const TEXT_TIMES = { timestampsAsNumbers: false } as const;

/** The ladder: each variant is the one above it plus one change. */
export const LADDER: readonly Variant[] = [
  {
    name: 'before',
    change: 'original kafkajs 2.2.4, per-topic slices of 250, every touched key to the changelog',
    without: ALL_PERFORMANCE_PATCHES,
    tuning: {
      ...TEXT_TIMES,
      produceRequests: 'per-topic-slices',
      skipUnchangedTombstones: false,
      producerRetryInitialMs: 300,
    },
    codec: replacerCodec,
  },
  {
    name: 'grouping',
    change: '+ linear grouping by partition (kafkajs patch)',
    without: ['recordEncoding', 'produceRequest', 'coordinators', 'keyHash', 'checksum'],
    tuning: {
      ...TEXT_TIMES,
      produceRequests: 'per-topic-slices',
      skipUnchangedTombstones: false,
      producerRetryInitialMs: 300,
    },
    codec: replacerCodec,
  },
  {
    name: 'encoding',
    change: '+ records encoded once at their exact size (kafkajs patch)',
    without: ['produceRequest', 'coordinators', 'keyHash', 'checksum'],
    tuning: {
      ...TEXT_TIMES,
      produceRequests: 'per-topic-slices',
      skipUnchangedTombstones: false,
      producerRetryInitialMs: 300,
    },
    codec: replacerCodec,
  },
  {
    name: 'one-request',
    change: '+ one produce call per transaction, all topics',
    without: ['produceRequest', 'coordinators', 'keyHash', 'checksum'],
    tuning: {
      ...TEXT_TIMES,
      produceRequests: 'one',
      skipUnchangedTombstones: false,
      producerRetryInitialMs: 300,
    },
    codec: replacerCodec,
  },
  {
    name: 'tombstones',
    change: '+ no changelog tombstone for a key created and deleted in one transaction',
    without: ['produceRequest', 'coordinators', 'keyHash', 'checksum'],
    tuning: { ...TEXT_TIMES, producerRetryInitialMs: 300 },
    codec: replacerCodec,
  },
  {
    name: 'json',
    change: '+ JSON outputs without a replacer unless they hold bytes',
    without: ['produceRequest', 'coordinators', 'keyHash', 'checksum'],
    tuning: { ...TEXT_TIMES, producerRetryInitialMs: 300 },
    codec: referenceCodec,
  },
  {
    name: 'retry',
    change: '+ a transactional producer that retries after 20 ms, not 300 (CONCURRENT_TRANSACTIONS)',
    without: ['produceRequest', 'coordinators', 'keyHash', 'checksum'],
    tuning: TEXT_TIMES,
    codec: referenceCodec,
  },
  {
    name: 'coordinators',
    change: '+ coordinator lookups remembered, not asked before every request (kafkajs patch)',
    without: ['produceRequest', 'keyHash', 'checksum'],
    tuning: TEXT_TIMES,
    codec: referenceCodec,
  },
  {
    name: 'one-buffer',
    change: '+ a produce request written once into one buffer, records included (kafkajs patch)',
    without: ['keyHash', 'checksum'],
    tuning: TEXT_TIMES,
    codec: referenceCodec,
  },
  {
    name: 'key-hash',
    change: '+ the partitioner hashes keys in 32-bit integers, strings without a copy (kafkajs patch)',
    without: ['checksum'],
    tuning: TEXT_TIMES,
    codec: referenceCodec,
  },
  {
    name: 'checksum',
    change: "+ record batches' CRC-32C eight bytes a step (kafkajs patch)",
    without: [],
    tuning: TEXT_TIMES,
    codec: referenceCodec,
  },
  {
    name: 'number-times',
    change: '+ output timestamps handed to the producer as numbers, not text (= the defaults)',
    without: [],
    tuning: {},
    codec: referenceCodec,
  },
];
