/**
 * Exactly-once spread over processes: `processes` runtime instances of one
 * processor in one consumer group, each a Node process with its own thread,
 * heap and clients, as a deployment scales out. The clock runs from the
 * moment all of them are told to go (group formation and task opening
 * included, as in the single-process measurement) to the commit that
 * completes the input.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import { REPO_ROOT, tsxLoaderUrl } from '../../stack/paths.ts';
import { changelogStores, changelogTopic } from '../../streams/runtime/topics.ts';
import { uniqueName } from '../../test/support/names.ts';
import { runClock, type Timing, timed } from './clock.ts';
import { cpuMeter, cpuPerRecord } from './cpu.ts';
import type { EosCase, EosResult } from './measure.ts';
import { type BenchProcessor, type BenchTopics, benchDefinition } from './processors.ts';
import { benchTopic, rememberBenchTopics } from './topics.ts';

export interface WorkerSetup {
  readonly topics: BenchTopics;
  readonly deadLetterTopic: string;
  readonly processor: BenchProcessor;
  readonly txn: number;
  readonly partitions: number;
}
export type ToWorker = { readonly type: 'go' } | { readonly type: 'stop' };
export type ToParent =
  | { readonly type: 'ready' }
  | { readonly type: 'batch' }
  | { readonly type: 'commit'; readonly records: number; readonly writes: number; readonly latencyMs: number }
  | { readonly type: 'stopped'; readonly cpuSeconds: number }
  | { readonly type: 'failed'; readonly error: string };

const WORKER = path.join(REPO_ROOT, 'bench/runtime/eos-worker.ts');

function startWorker(setup: WorkerSetup, onMessage: (message: ToParent) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', tsxLoaderUrl(), WORKER, JSON.stringify(setup)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message: ToParent) => onMessage(message));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`benchmark worker exited with ${code} before it was ready`)),
    );
    child.on('message', (message: ToParent) => {
      if (message.type === 'ready') resolve(child);
    });
  });
}

const stopped = (child: ChildProcess) =>
  new Promise<number>((resolve, reject) => {
    child.on('message', (message: ToParent) => {
      if (message.type === 'stopped') resolve(message.cpuSeconds);
    });
    child.once('exit', (code) => reject(new Error(`benchmark worker exited with ${code} before it stopped`)));
    child.send({ type: 'stop' } satisfies ToWorker);
  });

export function exactlyOnceProcessesRate(
  kafka: Kafka,
  input: string,
  options: EosCase & { readonly processes: number },
): Promise<EosResult> {
  const { records, partitions, txn, processes, processor } = options;
  return timed(options.label, async () => {
    const topics: BenchTopics = {
      applicationId: uniqueName('bench-eos'),
      inputTopic: input,
      outputTopic: await benchTopic(kafka, 'bench-out', partitions),
    };
    const definition = benchDefinition(processor, topics);
    rememberBenchTopics(changelogStores(definition).map((s) => changelogTopic(definition.applicationId, s)));
    const setup: WorkerSetup = {
      topics,
      deadLetterTopic: await benchTopic(kafka, 'bench-dlq'),
      processor,
      txn,
      partitions,
    };
    let processed = 0;
    let writes = 0;
    let commits = 0;
    let commitMs = 0;
    let finish: (timing: Timing) => void = () => undefined;
    let fail: (err: Error) => void = () => undefined;
    let clock = runClock();
    const done = new Promise<Timing>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const onMessage = (message: ToParent) => {
      if (message.type === 'failed') fail(new Error(`benchmark worker failed: ${message.error}`));
      if (message.type === 'batch') clock.seen();
      if (message.type !== 'commit') return;
      processed += message.records;
      writes += message.writes;
      commits++;
      commitMs += message.latencyMs;
      if (processed >= records) finish(clock.done(records));
    };
    const children = await Promise.all(
      Array.from({ length: processes }, () => startWorker(setup, onMessage)),
    );
    const brokerCpu = cpuMeter();
    clock = runClock();
    for (const child of children) child.send({ type: 'go' } satisfies ToWorker);
    try {
      const timing = await done;
      const broker = brokerCpu().broker;
      const node = (await Promise.all(children.map(stopped))).reduce((sum, s) => sum + s, 0);
      return {
        ...cpuPerRecord({ node, broker }, records),
        ...timing,
        commits,
        meanCommitMs: commitMs / commits,
        writesPerRecord: writes / processed,
      };
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
}
