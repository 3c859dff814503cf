import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serviceDir } from './paths.ts';
import { runningPid, type ServiceFiles, StackError, startDetached, waitUntilReady } from './process.ts';

export const CLICKHOUSE_HTTP = '127.0.0.1:8123';
const CLICKHOUSE_TCP_PORT = 9000;

/** The ports a ClickHouse server listens on (127.0.0.1 only). */
export interface ClickhousePorts {
  readonly http: number;
  readonly tcp: number;
}

const STACK_PORTS: ClickhousePorts = {
  http: Number(CLICKHOUSE_HTTP.split(':')[1]),
  tcp: CLICKHOUSE_TCP_PORT,
};

export const clickhouseService: ServiceFiles = { name: 'clickhouse', dir: serviceDir('clickhouse') };
const serverBinary = process.env.CLICKHOUSE_SERVER_BIN ?? '/usr/sbin/clickhouse-server';
const packagedUsers = '/etc/clickhouse-server/users.xml';

/** Debian's clickhouse-server (18.16 on Debian 12), installed when missing and allowed. */
function ensureInstalled(): void {
  if (existsSync(serverBinary) && existsSync(packagedUsers)) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new StackError(
      `ClickHouse is not installed (${serverBinary} missing). Install Debian's package as root: ` +
        'apt-get update && apt-get install -y clickhouse-server',
    );
  }
  console.log("[stack] installing Debian's clickhouse-server package…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'clickhouse-server']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) throw new StackError(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
  }
}

/** A self-contained config: own folders and ports, loopback only, the package's users.xml. */
function configXml(dir: string, ports: ClickhousePorts): string {
  const sub = (name: string) => `${path.join(dir, name)}/`;
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>${path.join(dir, 'clickhouse.log')}</log>
    <errorlog>${path.join(dir, 'clickhouse.err.log')}</errorlog>
    <size>100M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <path>${sub('data')}</path>
  <tmp_path>${sub('tmp')}</tmp_path>
  <user_files_path>${sub('user_files')}</user_files_path>
  <format_schema_path>${sub('format_schemas')}</format_schema_path>
  <users_config>${packagedUsers}</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <max_connections>256</max_connections>
</yandex>
`;
}

export async function clickhouseAnswers(url = `http://${CLICKHOUSE_HTTP}`): Promise<boolean> {
  try {
    const response = await fetch(`${url}/?query=${encodeURIComponent('SELECT 1')}`, {
      signal: AbortSignal.timeout(1500),
    });
    return response.ok && (await response.text()).trim() === '1';
  } catch {
    return false;
  }
}

/**
 * Runs a ClickHouse server from a self-contained config in `service.dir`,
 * detached, and waits until it answers. The stack runs one; a test that must
 * stop a server runs its own, on other ports, in a folder of its own.
 */
export async function runClickhouseServer(
  service: ServiceFiles,
  ports: ClickhousePorts,
  timeoutMs = 60_000,
): Promise<number> {
  ensureInstalled();
  const dir = service.dir;
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas'])
    mkdirSync(path.join(dir, sub), { recursive: true });
  const configFile = path.join(dir, 'config.xml');
  writeFileSync(configFile, configXml(dir, ports));
  const pid = startDetached(service, serverBinary, [`--config-file=${configFile}`]);
  await waitUntilReady(service, pid, () => clickhouseAnswers(`http://127.0.0.1:${ports.http}`), timeoutMs);
  return pid;
}

export async function startClickhouse(timeoutMs = 60_000): Promise<{ pid: number; started: boolean }> {
  const existing = runningPid(clickhouseService);
  if (existing !== undefined) return { pid: existing, started: false };
  const pid = await runClickhouseServer(clickhouseService, STACK_PORTS, timeoutMs);
  return { pid, started: true };
}
