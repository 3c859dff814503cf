import { countProcessor } from '../../streams/reference/count-processor.ts';
import type { InputRecord, ProcessorContext, ProcessorDefinition } from '../../streams/runtime/types.ts';

/**
 * `count`: the runtime's reference processor (a count and a window count per
 * key: state, timers, two outputs per record). `copy`: the consume-and-produce
 * baseline's work inside the runtime (one output per record, the offset and
 * the value, no state); measured against that baseline, it shows what
 * exactly-once itself costs.
 */
export type BenchProcessor = 'count' | 'copy';

export interface BenchTopics {
  readonly applicationId: string;
  readonly inputTopic: string;
  readonly outputTopic: string;
}

function copyProcessor({
  applicationId,
  inputTopic,
  outputTopic,
}: BenchTopics): ProcessorDefinition<unknown> {
  return {
    applicationId,
    inputTopics: [inputTopic],
    stores: [],
    process(record: InputRecord<unknown>, ctx: ProcessorContext) {
      ctx.send({
        topic: outputTopic,
        key: record.key,
        value: { offset: record.offset, value: record.value },
        timestamp: record.timestamp,
      });
    },
  };
}

export const benchDefinition = (kind: BenchProcessor, topics: BenchTopics): ProcessorDefinition<unknown> =>
  kind === 'copy' ? copyProcessor(topics) : countProcessor({ ...topics, windowMs: 1000, graceMs: 500 });
