import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { CACHE_DIR, REPO_ROOT, serviceDir } from './paths.ts';
import {
  commandExists,
  runningPid,
  type ServiceFiles,
  StackError,
  startDetached,
  waitUntilReady,
} from './process.ts';

export const KAFKA_VERSION = '3.9.1';
export const KAFKA_BROKER = '127.0.0.1:9092';
export const KAFKA_CONTROLLER = '127.0.0.1:9093';

export const kafkaService: ServiceFiles = { name: 'kafka', dir: serviceDir('kafka') };
const jarsDir = path.join(CACHE_DIR, `kafka-${KAFKA_VERSION}`, 'libs');
const dataDir = path.join(kafkaService.dir, 'data');

function requireJavaAndMaven(): void {
  const missing = ['java', 'mvn'].filter((c) => !commandExists(c));
  if (missing.length > 0) {
    throw new StackError(
      `the local Kafka needs ${missing.join(' and ')} on PATH (Java 17+ and Maven 3). ` +
        'On Debian: apt-get install -y openjdk-17-jre-headless maven',
    );
  }
}

/** Resolves the broker's jars from Maven Central once; later runs reuse the cache. */
function ensureJars(): void {
  if (existsSync(path.join(jarsDir, '.complete'))) return;
  requireJavaAndMaven();
  const staging = `${jarsDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  console.log(`[stack] fetching Kafka ${KAFKA_VERSION} jars with Maven into ${jarsDir} (once)…`);
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(REPO_ROOT, 'stack', 'kafka', 'pom.xml'),
      `-Dkafka.version=${KAFKA_VERSION}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${staging}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0)
    throw new StackError(`Maven could not fetch the Kafka jars (exit ${result.status})`);
  writeFileSync(path.join(staging, '.complete'), `${new Date().toISOString()}\n`);
  mkdirSync(path.dirname(jarsDir), { recursive: true });
  rmSync(jarsDir, { recursive: true, force: true });
  renameSync(staging, jarsDir);
}

function serverProperties(): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${KAFKA_CONTROLLER}`,
    `listeners=PLAINTEXT://${KAFKA_BROKER},CONTROLLER://${KAFKA_CONTROLLER}`,
    `advertised.listeners=PLAINTEXT://${KAFKA_BROKER}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=false',
    // One node: internal topics cannot be replicated, and fewer partitions start faster.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=168',
    'log.cleaner.dedupe.buffer.size=33554432',
    '',
  ].join('\n');
}

const log4jProperties = [
  'log4j.rootLogger=INFO, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.request.logger=WARN',
  'log4j.logger.state.change.logger=WARN',
  'log4j.logger.org.apache.kafka.controller=WARN',
  '',
].join('\n');

function java(args: readonly string[]): string[] {
  return [
    '-Xms256m',
    '-Xmx1g',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${path.join(kafkaService.dir, 'log4j.properties')}`,
    '-cp',
    `${jarsDir}/*`,
    ...args,
  ];
}

/**
 * A KRaft cluster id: 16 random bytes in URL-safe base64, as Kafka makes
 * them. One in 64 begins with '-', which the storage tool's argument parser
 * takes for an option, leaving `-t` without its value: such an id is drawn
 * again, as Kafka's own generator does.
 */
export function kafkaClusterId(random: () => Buffer = () => randomBytes(16)): string {
  for (;;) {
    const id = random().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** KRaft storage is formatted once; a formatted folder has meta.properties. */
function ensureFormatted(propertiesFile: string): void {
  if (existsSync(path.join(dataDir, 'meta.properties'))) return;
  const clusterId = kafkaClusterId();
  const result = spawnSync(
    'java',
    java(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile, '--ignore-formatted']),
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new StackError(`formatting Kafka storage failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export async function kafkaAnswers(brokers: readonly string[] = [KAFKA_BROKER]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'amc-stack-probe',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Starts the broker unless it runs already; resolves once it answers metadata. */
export async function startKafka(timeoutMs = 120_000): Promise<{ pid: number; started: boolean }> {
  const existing = runningPid(kafkaService);
  if (existing !== undefined) return { pid: existing, started: false };
  requireJavaAndMaven();
  ensureJars();
  mkdirSync(kafkaService.dir, { recursive: true });
  const propertiesFile = path.join(kafkaService.dir, 'server.properties');
  writeFileSync(propertiesFile, serverProperties());
  writeFileSync(path.join(kafkaService.dir, 'log4j.properties'), log4jProperties);
  ensureFormatted(propertiesFile);
  const pid = startDetached(kafkaService, 'java', java(['kafka.Kafka', propertiesFile]));
  await waitUntilReady(kafkaService, pid, () => kafkaAnswers(), timeoutMs);
  return { pid, started: true };
}
