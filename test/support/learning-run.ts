/** A run of the whole job with the coordinator switched on, on topics of its own. */
import type { ChildProcess } from 'node:child_process';
import type { Kafka } from 'kafkajs';
import type { LearningCycle, ParameterValue } from '../../schemas/types.generated.ts';
import { ensureTopics } from '../../streams/app/topics.ts';
import type { CoordinatorEnvelope } from '../../streams/learning/envelope.ts';
import { DEFAULT_LEARNING_TOPICS, type LearningTopics } from '../../streams/learning/topics.ts';
import { createPublisher, type Publisher } from '../../streams/serde/publish.ts';
import type { Serde } from '../../streams/serde/serde.ts';
import { readUntilIdle } from './topic-reader.ts';
import {
  newTrackerRun,
  PARTITIONS,
  readAvro,
  startTrackerJob,
  type TrackerRun,
  testSerde,
} from './tracker-run.ts';

export interface LearningRun extends TrackerRun {
  readonly learning: LearningTopics;
}

export function newLearningRun(label: string): LearningRun {
  const run = newTrackerRun(label);
  const learning = Object.fromEntries(
    Object.entries(DEFAULT_LEARNING_TOPICS).map(([k, v]) => [k, `${run.prefix}${v}`]),
  ) as unknown as LearningTopics;
  return { ...run, learning };
}

/** Every topic of the job, sized as the job sizes them, so records can be published before it starts. */
export async function createLearningTopics(kafka: Kafka, run: LearningRun): Promise<void> {
  const single = new Set([run.learning.deadLetters, run.learning.commands, run.learning.coordinatorInputs]);
  const names = new Set([...Object.values(run.topics), ...Object.values(run.learning)] as string[]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      [...names].map((name) => ({
        name,
        partitions: single.has(name) ? 1 : PARTITIONS,
        compact: name === run.learning.parameters,
      })),
    );
  } finally {
    await admin.disconnect();
  }
}

/** The job with every agent on (tracker and alert gate, monitor, dip validator, coordinator); the sink off. */
export function startLearningJob(run: LearningRun, env: Record<string, string> = {}): ChildProcess {
  return startTrackerJob(run, {
    AMC_LEARNING_COORDINATOR_ENABLED: 'true',
    AMC_LEARNING_MONITOR_ENABLED: 'true',
    AMC_LEARNING_DIPS_ENABLED: 'true',
    ...env,
  });
}

export function learningPublisher(kafka: Kafka, serde: Serde, run: LearningRun): Promise<Publisher> {
  return createPublisher({ kafka, serde, topicPrefix: run.prefix });
}

/**
 * Reads the coordinator's own input topic until `done` holds: what it has
 * been handed, in its order. (Offsets cannot say it: the topics the router
 * reads are written in transactions, whose markers take offsets too.)
 */
export async function waitForCoordinatorInputs(
  kafka: Kafka,
  run: LearningRun,
  done: (envelopes: readonly CoordinatorEnvelope[]) => boolean,
): Promise<CoordinatorEnvelope[]> {
  const read = await readUntilIdle(
    kafka,
    run.learning.coordinatorInputs,
    (value) => JSON.parse(value?.toString('utf8') ?? 'null') as CoordinatorEnvelope,
    (records) => done(records.map((r) => r.value)),
    { timeoutMs: 240_000, idleMs: 500 },
  );
  const envelopes = read.map((r) => r.value);
  if (!done(envelopes)) throw new Error(`the coordinator's inputs did not arrive (${envelopes.length} read)`);
  return envelopes;
}

export function readCycles(
  kafka: Kafka,
  run: LearningRun,
  done: (cycles: readonly LearningCycle[]) => boolean,
  timeoutMs = 240_000,
): Promise<LearningCycle[]> {
  return readAvro(kafka, testSerde(), run.learning.cycles, 'amc.learning.cycles.v1', done, timeoutMs);
}

export function readParameters(
  kafka: Kafka,
  run: LearningRun,
  done: (values: readonly ParameterValue[]) => boolean,
): Promise<ParameterValue[]> {
  return readAvro(kafka, testSerde(), run.learning.parameters, 'amc.learning.parameters.v1', done, 120_000);
}
