/**
 * The sample market, published by the job itself when the input topics are
 * empty: through the project's one publisher (keyed, Avro, the topic prefix,
 * event time as the Kafka timestamp), runs and positions before bars, as an
 * upstream backfill would.
 */
import type { Admin } from 'kafkajs';
import { sampleInputs } from '../../../sample/inputs.ts';
import type { SampleMarket } from '../../../sample/market.ts';
import { TOPICS } from '../../../schemas/topics.ts';
import { topicEnds } from '../../runtime/topic-metadata.ts';
import type { Publisher } from '../../serde/publish.ts';

const INPUTS = [TOPICS.discoveryRuns.name, TOPICS.positions.name, TOPICS.marketBars.name] as const;

/** True when no input topic holds a record: nobody has published yet, so the sample may be. */
export async function inputsEmpty(admin: Admin, topicPrefix: string): Promise<boolean> {
  for (const topic of INPUTS) {
    const offsets = await topicEnds(admin, `${topicPrefix}${topic}`);
    if (offsets.some((o) => BigInt(o.high) > BigInt(o.low))) return false;
  }
  return true;
}

export async function publishSample(
  publisher: Publisher,
  market: SampleMarket,
  onProgress: (published: number, total: number) => void,
  chunk = 2_000,
): Promise<number> {
  const inputs = sampleInputs(market);
  const total = inputs.reduce((sum, input) => sum + input.records.length, 0);
  let published = 0;
  for (const input of inputs) {
    for (let start = 0; start < input.records.length; start += chunk) {
      const slice = input.records.slice(start, start + chunk);
      await publisher.publish(input.topic, slice as never);
      published += slice.length;
      onProgress(published, total);
    }
  }
  return published;
}
