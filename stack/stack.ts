import { CLICKHOUSE_HTTP, clickhouseAnswers, clickhouseService, startClickhouse } from './clickhouse.ts';
import { KAFKA_BROKER, kafkaAnswers, kafkaService, startKafka } from './kafka.ts';
import { runningPid, type ServiceFiles, stopService } from './process.ts';
import {
  REGISTRY_ADDRESS,
  registryAnswers,
  registryAvailable,
  registryService,
  startRegistry,
} from './registry.ts';

export interface ServiceStatus {
  readonly name: string;
  readonly address: string;
  readonly pid: number | undefined;
  readonly answers: boolean;
}

interface StackService {
  readonly files: ServiceFiles;
  readonly address: string;
  readonly answers: () => Promise<boolean>;
}

function services(): StackService[] {
  const list: StackService[] = [
    { files: kafkaService, address: KAFKA_BROKER, answers: () => kafkaAnswers() },
    { files: clickhouseService, address: `http://${CLICKHOUSE_HTTP}`, answers: () => clickhouseAnswers() },
  ];
  if (registryAvailable()) {
    list.push({
      files: registryService,
      address: `http://${REGISTRY_ADDRESS}`,
      answers: () => registryAnswers(),
    });
  }
  return list;
}

/** Brings every service up (Kafka and ClickHouse side by side, then the registry, which needs Kafka). */
export async function stackUp(): Promise<{ started: string[] }> {
  const started: string[] = [];
  const [kafka, clickhouse] = await Promise.all([startKafka(), startClickhouse()]);
  if (kafka.started) started.push('kafka');
  if (clickhouse.started) started.push('clickhouse');
  if (registryAvailable()) {
    const registry = await startRegistry();
    if (registry.started) started.push('registry');
  }
  return { started };
}

/**
 * Stops the stack's services by their pids (all, or the ones named), the
 * registry first since it uses Kafka.
 */
export async function stackDown(only?: readonly string[]): Promise<{ stopped: string[] }> {
  const stopped: string[] = [];
  for (const files of [registryService, kafkaService, clickhouseService]) {
    if (only !== undefined && !only.includes(files.name)) continue;
    if (await stopService(files)) stopped.push(files.name);
  }
  return { stopped };
}

export async function stackStatus(): Promise<ServiceStatus[]> {
  return Promise.all(
    services().map(async (s) => ({
      name: s.files.name,
      address: s.address,
      pid: runningPid(s.files),
      answers: await s.answers(),
    })),
  );
}

export function formatStatus(statuses: readonly ServiceStatus[]): string {
  const rows = statuses.map((s) => [
    s.name,
    s.address,
    s.pid === undefined ? '-' : String(s.pid),
    s.answers ? 'yes' : 'no',
  ]);
  const table = [['service', 'address', 'pid', 'answers'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return table
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
