import { PartitionProcessor } from './partition-processor.ts';
import type { InputRecord, OutputRecord, ProcessorDefinition, Rejection } from './types.ts';

export interface DriverResult {
  /** Outputs per input partition, in the order the processor sent them. */
  readonly outputs: ReadonlyMap<number, readonly OutputRecord[]>;
  readonly rejected: readonly { offset: string; partition: number; rejection: Rejection }[];
}

/**
 * Runs a processor over records in memory, partition by partition in offset
 * order, committing after every record: the answer of an uninterrupted run,
 * against which the Kafka runs are compared.
 */
export function runInMemory<V>(
  definition: ProcessorDefinition<V>,
  records: readonly InputRecord<V>[],
): DriverResult {
  const partitions = new Map<number, PartitionProcessor<V>>();
  const outputs = new Map<number, OutputRecord[]>();
  const rejected: { offset: string; partition: number; rejection: Rejection }[] = [];
  for (const record of records) {
    let state = partitions.get(record.partition);
    if (!state) {
      state = new PartitionProcessor(definition, record.partition);
      partitions.set(record.partition, state);
      outputs.set(record.partition, []);
    }
    state.process(record);
    const work = state.pending();
    outputs.get(record.partition)!.push(...work.outputs);
    for (const r of work.rejected)
      rejected.push({ offset: r.record.offset, partition: r.record.partition, rejection: r.rejection });
    state.commit();
  }
  return { outputs, rejected };
}
