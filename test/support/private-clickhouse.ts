/**
 * A ClickHouse server of a test's own, in a temporary folder on free ports,
 * that the test may stop and start (by its pid) without touching the shared one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runClickhouseServer } from '../../stack/clickhouse.ts';
import { runningPid, type ServiceFiles, stopService } from '../../stack/process.ts';
import { freePort } from './ports.ts';

export interface PrivateClickhouse {
  readonly url: string;
  pid(): number | undefined;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** Started unless `started: false` (its ports chosen, nothing listening yet). */
export async function startPrivateClickhouse(
  options: { started?: boolean } = {},
): Promise<PrivateClickhouse> {
  const service: ServiceFiles = {
    name: 'clickhouse',
    dir: mkdtempSync(path.join(tmpdir(), 'amc-private-ch-')),
  };
  const ports = { http: await freePort(), tcp: await freePort() };
  if (options.started ?? true) await runClickhouseServer(service, ports);
  return {
    url: `http://127.0.0.1:${ports.http}`,
    pid: () => runningPid(service),
    async stop() {
      // 18.16 takes seconds to shut down gracefully; an outage need not wait for it.
      await stopService(service, 1000);
    },
    async start() {
      await runClickhouseServer(service, ports);
    },
    async destroy() {
      await stopService(service, 10_000);
      rmSync(service.dir, { recursive: true, force: true });
    },
  };
}
