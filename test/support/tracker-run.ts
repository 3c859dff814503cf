import type { ChildProcess } from 'node:child_process';
import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { loadEndpoints } from '../../config/endpoints.ts';
import type { TopicName } from '../../schemas/topics.ts';
import type { TopicRecords } from '../../schemas/types.generated.ts';
import { ensureTopics } from '../../streams/app/topics.ts';
import type { Serde } from '../../streams/serde/index.ts';
import { createHttpRegistryClient, createSerde } from '../../streams/serde/index.ts';
import { DEFAULT_TRACKER_TOPICS, type TrackerTopics } from '../../streams/tracker/topics.ts';
import { uniqueName } from './names.ts';
import { startScript } from './reference-run.ts';
import { readUntilIdle } from './topic-reader.ts';

export const PARTITIONS = 3;

export interface TrackerRun {
  readonly prefix: string;
  readonly applicationId: string;
  readonly topics: TrackerTopics;
}

export function newTrackerRun(label: string): TrackerRun {
  const prefix = `${uniqueName(label)}.`;
  const topics = Object.fromEntries(
    Object.entries(DEFAULT_TRACKER_TOPICS).map(([k, v]) => [k, `${prefix}${v}`]),
  ) as unknown as TrackerTopics;
  return { prefix, applicationId: uniqueName(`${label}-app`), topics };
}

export function testSerde(): Serde {
  return createSerde({ registry: createHttpRegistryClient({ url: loadEndpoints().schemaRegistryUrl }) });
}

export async function createTrackerTopics(kafka: Kafka, run: TrackerRun): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      Object.values(run.topics).map((name) => ({
        name,
        partitions: name === run.topics.deadLetters ? 1 : PARTITIONS,
      })),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * Produces Avro records of a contract to a (test-named) topic, keyed as
 * upstream would; without a timestamp, Kafka's is the producer's wall clock.
 */
export async function produceAvro<T extends TopicName>(
  kafka: Kafka,
  serde: Serde,
  topic: string,
  contract: T,
  records: readonly { key: string; value: TopicRecords[T]; timestamp?: number }[],
): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  try {
    const messages = [];
    for (const r of records) {
      messages.push({
        key: r.key,
        value: await serde.encode(contract, r.value),
        ...(r.timestamp === undefined ? {} : { timestamp: String(r.timestamp) }),
      });
    }
    for (let i = 0; i < messages.length; i += 500)
      await producer.send({ topic, messages: messages.slice(i, i + 500) });
  } finally {
    await producer.disconnect();
  }
}

/** Upstream inputs of the job. */
export interface UpstreamInputs {
  readonly runs?: readonly TopicRecords['amc.discovery.runs.v1'][];
  readonly positions?: readonly TopicRecords['amc.portfolio.positions.v1'][];
  readonly bars?: readonly TopicRecords['amc.market.bars.v1'][];
}

/** Publishes runs, then positions, then bars, keyed and stamped as upstream producers do. */
export async function produceInputs(
  kafka: Kafka,
  serde: Serde,
  topics: Pick<TrackerTopics, 'discoveryRuns' | 'positions' | 'bars'>,
  inputs: UpstreamInputs,
): Promise<void> {
  const { runs = [], positions = [], bars = [] } = inputs;
  if (runs.length > 0) {
    await produceAvro(
      kafka,
      serde,
      topics.discoveryRuns,
      'amc.discovery.runs.v1',
      runs.map((value) => ({ key: value.run_id, value, timestamp: value.finished_at })),
    );
  }
  if (positions.length > 0) {
    await produceAvro(
      kafka,
      serde,
      topics.positions,
      'amc.portfolio.positions.v1',
      positions.map((value) => ({ key: value.symbol, value, timestamp: value.as_of })),
    );
  }
  if (bars.length > 0) {
    await produceAvro(
      kafka,
      serde,
      topics.bars,
      'amc.market.bars.v1',
      bars.map((value) => ({ key: value.symbol, value, timestamp: value.timestamp })),
    );
  }
}

/** Reads every committed record of a topic, decoded through its contract, until `done` holds and nothing new came for `idleMs`. */
export async function readAvro<T extends TopicName>(
  kafka: Kafka,
  serde: Serde,
  topic: string,
  contract: T,
  done: (records: readonly TopicRecords[T][]) => boolean,
  timeoutMs = 120_000,
  idleMs = 2000,
): Promise<TopicRecords[T][]> {
  const decode = async (value: Buffer | null) => {
    const decoded = await serde.decode(contract, value);
    if (!decoded.ok) throw new Error(`undecodable record on ${topic}: ${decoded.rejection.message}`);
    return decoded.record;
  };
  const records = await readUntilIdle(kafka, topic, decode, (read) => done(read.map((r) => r.value)), {
    timeoutMs,
    idleMs,
  });
  return records.map((r) => r.value);
}

/** The main job on test topics, in a process of its own, without its sample market. */
export function startTrackerJob(
  run: TrackerRun,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): ChildProcess {
  const endpoints = loadEndpoints();
  return startScript(
    'bin/amc-learning.ts',
    {
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
      CLICKHOUSE_URL: endpoints.clickhouseUrl,
      AMC_TOPIC_PREFIX: run.prefix,
      AMC_APPLICATION_ID: run.applicationId,
      AMC_PARTITIONS: String(PARTITIONS),
      AMC_SESSION_TIMEOUT_MS: '6000',
      // The tracker's tests run the tracker alone; the agents' tests switch them on.
      AMC_LEARNING_MONITOR_ENABLED: 'false',
      AMC_LEARNING_DIPS_ENABLED: 'false',
      // The sink has tests of its own and would write the shared database.
      AMC_LEARNING_SINKS_ENABLED: 'false',
      // The coordinator's own tests switch it on.
      AMC_LEARNING_COORDINATOR_ENABLED: 'false',
      // The API has tests of its own; a job per test would each want a port.
      AMC_LEARNING_API_ENABLED: 'false',
      ...env,
    },
    // Tests publish their own inputs: the job must not publish its sample into their topics.
    ['--no-sample', ...args],
  );
}

/** The last version of each tracking id's outcome. */
export function latestOutcomes(outcomes: readonly TopicRecords['amc.learning.recommendation-outcomes.v1'][]) {
  const latest = new Map<string, TopicRecords['amc.learning.recommendation-outcomes.v1']>();
  for (const o of outcomes) {
    const current = latest.get(o.tracking_id);
    if (!current || o.version > current.version) latest.set(o.tracking_id, o);
  }
  return latest;
}
