/** A Kafka record as the sink receives it. Offsets and timestamps are text, as kafkajs hands them over. */
export interface SourceRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The Kafka timestamp: stored on dead letters as the contract asks, never used for anything else. */
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}
