import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import { loadEndpoints } from '../../config/endpoints.ts';
import type { TopicName } from '../../schemas/topics.ts';
import type { TopicRecords } from '../../schemas/types.generated.ts';
import { REPO_ROOT } from '../../stack/paths.ts';
import { type AgentTopics, DEFAULT_AGENT_TOPICS, prefixTopics } from '../../streams/app/agent-topics.ts';
import { ensureTopics } from '../../streams/app/topics.ts';
import { uniqueName } from './names.ts';
import { PARTITIONS, startTrackerJob, type TrackerRun } from './tracker-run.ts';

export interface AgentsRun extends TrackerRun {
  readonly topics: AgentTopics;
}

export function newAgentsRun(label: string): AgentsRun {
  const prefix = `${uniqueName(label)}.`;
  return {
    prefix,
    applicationId: uniqueName(`${label}-app`),
    topics: prefixTopics(DEFAULT_AGENT_TOPICS, prefix),
  };
}

/** The topics as the job plans them: one partition for the monitor's runs and the dead letters. */
export async function createAgentTopics(kafka: Kafka, run: AgentsRun): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const single = new Set([run.topics.deadLetters, run.topics.monitorRuns]);
    await ensureTopics(
      admin,
      Object.values(run.topics).map((name: string) => ({
        name,
        partitions: single.has(name) ? 1 : PARTITIONS,
      })),
    );
  } finally {
    await admin.disconnect();
  }
}

/** The main job with the monitor and the dip validator on and the tracker off, in a process of its own. */
export function startAgentsJob(run: AgentsRun, env: Record<string, string> = {}): ChildProcess {
  return startTrackerJob(run, {
    AMC_LEARNING_TRACKER_ENABLED: 'false',
    AMC_LEARNING_MONITOR_ENABLED: 'true',
    AMC_LEARNING_DIPS_ENABLED: 'true',
    ...env,
  });
}

/**
 * Sum of a topic's end offsets (records and transaction markers). A topic
 * just created may not have its leader yet: such errors are retried.
 */
export async function endOffsets(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
      } catch (error) {
        if (!(error as { retriable?: boolean }).retriable || attempt >= 50) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

export async function waitForGrowth(
  kafka: Kafka,
  topic: string,
  beyond: number,
  timeoutMs = 60_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await endOffsets(kafka, topic);
    if (now > beyond) return now;
    if (Date.now() > deadline) throw new Error(`${topic} did not grow past ${beyond} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Publishes records through the front door: `npm run produce` with a JSONL
 * file, the prefix from AMC_TOPIC_PREFIX, as an upstream producer would.
 */
export async function produceWithCli<T extends TopicName>(
  run: AgentsRun,
  contract: T,
  records: readonly TopicRecords[T][],
): Promise<{ code: number | null; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'amc-produce-'));
  const file = path.join(dir, `${contract}.jsonl`);
  await writeFile(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const endpoints = loadEndpoints();
  const child = spawn('npm', ['run', '--silent', 'produce', '--', '--topic', contract, '--file', file], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      AMC_TOPIC_PREFIX: run.prefix,
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d));
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  // 1 means some lines were refused (and the rest produced): the caller judges which.
  if (code !== 0 && code !== 1) throw new Error(`npm run produce ${contract} exited ${code}: ${output}`);
  return { code, output };
}
