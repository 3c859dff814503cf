import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { REPO_ROOT, tsxLoaderUrl } from '../../stack/paths.ts';
import type { InputRecord } from '../../streams/runtime/types.ts';
import { type ReadRecord, readUntilIdle } from './topic-reader.ts';

export interface ReferenceTopics {
  readonly appId: string;
  readonly input: string;
  readonly output: string;
  readonly dlq: string;
}

/**
 * Input for the reference processor: keyed records whose event time mostly
 * rises, with some records a little out of order (inside the grace period)
 * and a few far behind it (late), so both late-data paths are exercised.
 */
export async function produceInput(kafka: Kafka, topic: string, count: number, keys = 97): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  const base = 1_700_000_000_000;
  try {
    for (let start = 0; start < count; start += 2000) {
      const messages = [];
      for (let i = start; i < Math.min(count, start + 2000); i++) {
        let timestamp = base + i * 10;
        if (i % 50 === 7) timestamp -= 300; // out of order, inside grace
        if (i % 997 === 5) timestamp -= 60_000; // far behind: late
        // Event time travels in the value; the Kafka timestamp is the producer's wall clock.
        messages.push({ key: `k${i % keys}`, value: JSON.stringify({ i, at: timestamp }) });
      }
      await producer.send({ topic, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

export type { ReadRecord } from './topic-reader.ts';

/** Reads a JSON topic from the start until `expected` records arrived and nothing more came for `idleMs`. */
export function readTopic(
  kafka: Kafka,
  topic: string,
  expected: number,
  idleMs = 2500,
): Promise<ReadRecord[]> {
  return readUntilIdle(
    kafka,
    topic,
    (value) => (value === null ? null : (JSON.parse(value.toString('utf8')) as unknown)),
    (records) => records.length >= expected,
    { idleMs },
  );
}

/** Records as the runtime hands them to the reference processor: event time from the value's `at`. */
export function asInputRecords(topic: string, records: readonly ReadRecord[]): InputRecord<unknown>[] {
  return records.map((r) => ({ topic, ...r, timestamp: (r.value as { at: number }).at }));
}

/** Runs a TypeScript entry point of the project in a process of its own (kill -9 reaches it). */
export function startScript(
  relativePath: string,
  env: Record<string, string>,
  scriptArgs: readonly string[] = [],
): ChildProcess {
  const args = ['--import', tsxLoaderUrl(), path.join(REPO_ROOT, relativePath), ...scriptArgs];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // AMC_TEST_JOB_LOGS=<dir> keeps each process's output for a post-mortem; otherwise it is dropped.
  const logDir = process.env.AMC_TEST_JOB_LOGS;
  if (logDir)
    child.stdout?.pipe(
      createWriteStream(path.join(logDir, `${path.basename(relativePath)}-${child.pid}.log`)),
    );
  else child.stdout?.resume();
  child.stderr?.on('data', (d: Buffer) =>
    process.stderr.write(`[${path.basename(relativePath)} ${child.pid}] ${d}`),
  );
  return child;
}

/** Starts the reference processor in its own process. */
export function startReferenceApp(topics: ReferenceTopics, env: Record<string, string> = {}): ChildProcess {
  return startScript('streams/reference/app.ts', {
    REF_APP_ID: topics.appId,
    REF_INPUT: topics.input,
    REF_OUTPUT: topics.output,
    REF_DLQ: topics.dlq,
    ...env,
  });
}

export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Waits until the group has committed every input offset. */
export async function waitForCommitted(
  kafka: Kafka,
  groupId: string,
  topic: string,
  timeoutMs = 180_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const done = ends.every((end) => {
        const c = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        return BigInt(c) >= BigInt(end.high);
      });
      if (done) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${groupId} did not commit all of ${topic} within ${timeoutMs} ms`);
  } finally {
    await admin.disconnect();
  }
}
