/**
 * The system under measurement: the main job in a process of its own (every
 * processor, the sink and the API), on names of its own, and what can be read
 * about it from outside: its consumer groups' progress and its peak memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Admin, AssignerProtocol } from 'kafkajs';
import { ALERT_FEED_GROUP_INFIX } from '../../api/ws/alert-feed.ts';
import { loadEndpoints } from '../../config/endpoints.ts';
import { REPO_ROOT, tsxLoaderUrl } from '../../stack/paths.ts';
import type { ConsumerGroup } from '../../streams/app/job/services.ts';
import { rememberBenchTopics } from '../runtime/topics.ts';

export interface SystemUnderTest {
  readonly child: ChildProcess;
  readonly applicationId: string;
  readonly topicPrefix: string;
  readonly database: string;
  /** Resolves once the job logged that it runs. */
  readonly started: Promise<void>;
  /** Peak resident memory of the job process so far, in MiB (the kernel's high-water mark). */
  peakRssMb(): number;
  /** Where the job's memory is now, in MiB, from its API's /metrics (prom-client's process metrics). */
  memoryMb(): Promise<Partial<Record<string, number>>>;
  stop(): Promise<void>;
}

export function startSystem(name: string): SystemUnderTest {
  const endpoints = loadEndpoints();
  const child = spawn(
    process.execPath,
    ['--import', tsxLoaderUrl(), path.join(REPO_ROOT, 'bin/amc-learning.ts'), '--no-sample'],
    {
      env: {
        ...process.env,
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
        CLICKHOUSE_URL: endpoints.clickhouseUrl,
        CLICKHOUSE_DATABASE: name.replaceAll('-', '_'),
        AMC_TOPIC_PREFIX: `${name}.`,
        AMC_APPLICATION_ID: name,
        AMC_API_PORT: '0',
        AMC_TRANSACTION_RECORDS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  let api: string | undefined;
  const started = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      log += d.toString('utf8');
      api ??= /API (http:\/\/\S+);/.exec(log)?.[1];
      if (log.includes('] running: ')) resolve();
    });
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[job] ${d}`));
    child.on('exit', (code) => reject(new Error(`the job exited with ${code} before running:\n${log}`)));
  });
  let peak = 0;
  const peakRssMb = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // The process has exited: the last reading stands.
    }
    return peak;
  };
  return {
    child,
    applicationId: name,
    topicPrefix: `${name}.`,
    database: name.replaceAll('-', '_'),
    started,
    peakRssMb,
    async memoryMb() {
      if (api === undefined) return {};
      const text = await (await fetch(`${api}/metrics`)).text();
      const gauge = (name: string) =>
        Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      return {
        rss: mb(gauge('process_resident_memory_bytes')),
        heapUsed: mb(gauge('nodejs_heap_size_used_bytes')),
        heapTotal: mb(gauge('nodejs_heap_size_total_bytes')),
        external: mb(gauge('nodejs_external_memory_bytes')),
      };
    },
    async stop() {
      peakRssMb();
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/**
 * The job's consumer groups (ids starting with `<application id>-`) and the
 * topics their members subscribe to, as the members told the coordinator
 * (a group that has not committed yet still counts). The API's live alert
 * feed reads without committing and is left out.
 */
export async function groupsOf(admin: Admin, applicationId: string): Promise<ConsumerGroup[]> {
  const { groups } = await admin.listGroups();
  const ours = groups
    .map((g) => g.groupId)
    .filter((id) => id.startsWith(`${applicationId}-`) && !id.includes(ALERT_FEED_GROUP_INFIX));
  const described = await admin.describeGroups(ours);
  return described.groups
    .map((group) => ({
      groupId: group.groupId,
      topics: [
        ...new Set(
          group.members.flatMap(
            (m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? [],
          ),
        ),
      ].sort(),
    }))
    .filter((group) => group.topics.length > 0)
    .sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
}

/** Records each group has committed past, summed over its topics' partitions. */
export async function committedRecords(
  admin: Admin,
  groups: readonly ConsumerGroup[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { groupId, topics } of groups) {
    const offsets = await admin.fetchOffsets({ groupId, topics: [...topics] });
    let sum = 0;
    for (const topic of offsets) for (const p of topic.partitions) sum += Math.max(0, Number(p.offset));
    counts.set(groupId, sum);
  }
  return counts;
}

/**
 * Deletes what the run left on the shared stack: its topics (inputs,
 * outputs, internal and changelog topics all start with its name), its
 * consumer groups and its database. Thousands of leftover partitions
 * exhaust the broker's file handles.
 */
export async function removeSystem(
  admin: Admin,
  system: Pick<SystemUnderTest, 'applicationId' | 'database'>,
  dropDatabase: (statement: string) => Promise<unknown>,
): Promise<void> {
  const name = system.applicationId;
  rememberBenchTopics((await admin.listTopics()).filter((t) => t.startsWith(name)));
  const { groups } = await admin.listGroups();
  const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(`${name}-`));
  if (ours.length > 0) await admin.deleteGroups(ours);
  await dropDatabase(`DROP DATABASE IF EXISTS ${system.database}`);
}
