import type { InputRecord, ProcessorDefinition } from './types.ts';

export interface RepartitionOptions<V, W> {
  readonly applicationId: string;
  readonly inputTopics: readonly string[];
  readonly outputTopic: string;
  /** The key the records must meet by; null rejects the record. */
  readonly keyOf: (record: InputRecord<V>) => string | null;
  /** What goes on the repartition topic (e.g. the value tagged with where it came from). */
  readonly wrap: (record: InputRecord<V>) => W;
  /** Forward time marks to every partition of the output (see time-marks.ts), once per bucket. */
  readonly timeMarks?: { readonly bucketOf: (eventTime: number) => string };
}

/**
 * Re-keys records into one internal topic, partitioned by the project's own
 * (Java-compatible murmur2) partitioner. Inputs that must meet by key are not
 * trusted to be co-partitioned: upstream producers may use another
 * partitioner or another partition count. Stateless; exactly-once like any
 * processor, since the records and the input offsets commit together.
 */
export function repartitionProcessor<V, W>(options: RepartitionOptions<V, W>): ProcessorDefinition<V> {
  return {
    applicationId: options.applicationId,
    inputTopics: options.inputTopics,
    stores: [],
    ...(options.timeMarks
      ? { forwardTimeMarks: { topic: options.outputTopic, bucketOf: options.timeMarks.bucketOf } }
      : {}),
    process(record, ctx) {
      const key = options.keyOf(record);
      if (key === null || key === '') {
        ctx.reject('EMPTY_SYMBOL', `no key to repartition ${record.topic} by`);
        return;
      }
      ctx.send({ topic: options.outputTopic, key, value: options.wrap(record), timestamp: record.timestamp });
    },
  };
}
