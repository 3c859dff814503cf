/** The sample market as the records of each input topic, in the order they are published. */
import type { TopicName } from '../schemas/topics.ts';
import type { TopicRecords } from '../schemas/types.generated.ts';
import type { SampleMarket } from './market.ts';

export type SampleTopic = 'amc.discovery.runs.v1' | 'amc.portfolio.positions.v1' | 'amc.market.bars.v1';

export interface SampleInput<T extends SampleTopic = SampleTopic> {
  readonly topic: T;
  readonly records: readonly TopicRecords[T][];
}

/** Runs, positions, then bars: the order an upstream team backfills in. */
export function sampleInputs(market: SampleMarket): SampleInput[] {
  return [
    { topic: 'amc.discovery.runs.v1', records: market.runs },
    { topic: 'amc.portfolio.positions.v1', records: market.positions },
    { topic: 'amc.market.bars.v1', records: market.bars },
  ];
}

export const sampleRecordCount = (market: SampleMarket): number =>
  sampleInputs(market).reduce((sum, input) => sum + input.records.length, 0);

export type { TopicName };
