// Where an import's records go: Kafka through the project's one publisher,
// or, on a dry run, standard output as one JSON line per record.
import { keyOf, type TopicName } from '../../schemas/topics.ts';
import type { Publisher } from '../../streams/serde/publish.ts';
import type { ImportBatch } from './batch.ts';

export interface BatchTarget {
  publish(contract: TopicName, records: readonly object[]): Promise<void>;
}

/** Runs first, then positions, then bars: each contract's records in event-time order. */
export async function publishBatch(batch: ImportBatch, target: BatchTarget): Promise<void> {
  if (batch.runs.length > 0) await target.publish('amc.discovery.runs.v1', batch.runs);
  if (batch.positions.length > 0) await target.publish('amc.portfolio.positions.v1', batch.positions);
  if (batch.bars.length > 0) await target.publish('amc.market.bars.v1', batch.bars);
}

export function kafkaTarget(publisher: Publisher): BatchTarget {
  return {
    // The batch's records were built for these contracts; the cast only forgets which one is which.
    publish: (contract, records) => publisher.publish(contract, records as never),
  };
}

export function printingTarget(
  topicOf: (contract: TopicName) => string,
  write: (line: string) => void,
): BatchTarget {
  return {
    async publish(contract, records) {
      for (const record of records) {
        write(JSON.stringify({ topic: topicOf(contract), key: keyOf(contract, record), value: record }));
      }
    },
  };
}

export function describeBatch(batch: ImportBatch): string {
  const candidates = batch.runs.reduce((sum, run) => sum + run.candidates.length, 0);
  return `${batch.runs.length} runs (${candidates} candidates), ${batch.positions.length} position snapshots, ${batch.bars.length} bars`;
}
