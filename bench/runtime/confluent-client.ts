/**
 * @confluentinc/kafka-javascript for the runtime benchmark, installed on
 * demand into the cache rather than as a dependency: it is a native addon on
 * librdkafka, and where its prebuilt binary cannot be downloaded every
 * install compiles librdkafka (about two minutes of both cores), which no
 * `npm ci` of the project should pay for a comparison few people run.
 *
 * The build links librdkafka dynamically against the system's OpenSSL and
 * zlib (`CKJS_LINKING=dynamic`): the default static build fetches the
 * sources of OpenSSL, zlib, zstd and curl from their own sites, and a
 * machine that reaches only package registries cannot. It needs make, g++, python3,
 * libssl-dev and zlib1g-dev; SASL/GSSAPI, zstd and OIDC are left out unless
 * their -dev packages are present, and nothing the benchmark does needs them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CACHE_DIR } from '../../stack/paths.ts';

const PACKAGE = '@confluentinc/kafka-javascript';
/** Pinned: a new version is a new build and a new baseline, chosen on purpose. */
export const CONFLUENT_VERSION = '1.10.1';

/** The part of the message shape both of its APIs hand over that the benchmark reads. */
interface ConfluentMessage {
  readonly key: Buffer | null | undefined;
  readonly value: Buffer | null;
  readonly partition: number;
  /** A string in the KafkaJS-compatible API, a number in the native one. */
  readonly offset: string | number;
}

export interface ConfluentBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly (ConfluentMessage & { readonly offset: string })[];
}

/** The KafkaJS-compatible API, as far as the benchmark uses it. */
export interface ConfluentKafkaJs {
  readonly Kafka: new (
    config: Record<string, unknown>,
  ) => {
    consumer(config: Record<string, unknown>): ConfluentConsumer;
    producer(config: Record<string, unknown>): ConfluentProducer;
  };
}

export interface ConfluentConsumer {
  connect(): Promise<void>;
  subscribe(subscription: { topics: string[] }): Promise<void>;
  run(config: {
    partitionsConsumedConcurrently?: number;
    eachBatch: (payload: { batch: ConfluentBatch }) => Promise<void>;
  }): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ConfluentProducer {
  connect(): Promise<void>;
  /** The producer is its own transaction: one at a time. */
  transaction(): Promise<{
    send(record: { topic: string; messages: { key: Buffer | null; value: string }[] }): Promise<unknown>;
    sendOffsets(offsets: {
      consumer: ConfluentConsumer;
      topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
    }): Promise<void>;
    commit(): Promise<void>;
  }>;
  disconnect(): Promise<void>;
}

type Callback = (err: Error | null | undefined) => void;

/** The native (node-rdkafka style) API, as far as the benchmark uses it. */
export interface ConfluentNative {
  readonly KafkaConsumer: new (
    config: Record<string, unknown>,
    topicConfig: Record<string, unknown>,
  ) => NativeConsumer;
  readonly Producer: new (config: Record<string, unknown>) => NativeProducer;
}

export interface NativeConsumer {
  connect(options: Record<string, unknown>, cb: Callback): void;
  subscribe(topics: string[]): void;
  setDefaultConsumeTimeout(ms: number): void;
  /** With true, a consume of N waits only for the first message and then takes what is queued. */
  setDefaultIsTimeoutOnlyForFirstMessage(on: boolean): void;
  consume(count: number, cb: (err: Error | null, messages: ConfluentMessage[]) => void): void;
  disconnect(cb: Callback): void;
}

export interface NativeProducer {
  connect(options: Record<string, unknown>, cb: Callback): void;
  initTransactions(timeoutMs: number, cb: Callback): void;
  beginTransaction(cb: Callback): void;
  produce(topic: string, partition: number, value: Buffer, key: Buffer | null | undefined): void;
  sendOffsetsToTransaction(
    offsets: { topic: string; partition: number; offset: number }[],
    consumer: NativeConsumer,
    timeoutMs: number,
    cb: Callback,
  ): void;
  commitTransaction(timeoutMs: number, cb: Callback): void;
  disconnect(cb: Callback): void;
}

export interface ConfluentClient extends ConfluentNative {
  readonly KafkaJS: ConfluentKafkaJs;
  readonly librdkafkaVersion: string;
}

const installDir = path.join(CACHE_DIR, 'confluent-kafka-javascript');

const installedVersion = (): string | undefined => {
  const manifest = path.join(installDir, 'node_modules', PACKAGE, 'package.json');
  const addon = path.join(
    installDir,
    'node_modules',
    PACKAGE,
    'build',
    'Release',
    'confluent-kafka-javascript.node',
  );
  if (!existsSync(manifest) || !existsSync(addon)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
};

/** Builds the pinned version into the cache unless it is there already; says so, and how long it took. */
function ensureInstalled(): void {
  if (installedVersion() === CONFLUENT_VERSION) return;
  mkdirSync(installDir, { recursive: true });
  // npm 11 runs a dependency's install script only when package.json allows it, and the build is that script.
  writeFileSync(
    path.join(installDir, 'package.json'),
    JSON.stringify(
      { name: 'confluent-kafka-javascript-cache', private: true, allowScripts: { [PACKAGE]: true } },
      null,
      2,
    ),
  );
  console.error(
    `installing ${PACKAGE}@${CONFLUENT_VERSION} into ${installDir}: librdkafka is compiled from source, ` +
      'a few minutes (needs make, g++, python3, libssl-dev, zlib1g-dev)',
  );
  const began = performance.now();
  execFileSync(
    'npm',
    ['install', '--prefix', installDir, '--no-audit', '--no-fund', `${PACKAGE}@${CONFLUENT_VERSION}`],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CKJS_LINKING: 'dynamic' } },
  );
  if (installedVersion() !== CONFLUENT_VERSION)
    throw new Error(`${PACKAGE} installed without its native build; see the npm output above`);
  console.error(
    `built ${PACKAGE}@${CONFLUENT_VERSION} in ${((performance.now() - began) / 1000).toFixed(0)} s`,
  );
}

/** The client, built into the cache on first use. */
export function loadConfluentClient(): ConfluentClient {
  ensureInstalled();
  const require = createRequire(path.join(installDir, 'package.json'));
  return require(PACKAGE) as ConfluentClient;
}
