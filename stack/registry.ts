import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { KAFKA_BROKER } from './kafka.ts';
import { REPO_ROOT, serviceDir, tsxLoaderUrl } from './paths.ts';
import { runningPid, type ServiceFiles, startDetached, waitUntilReady } from './process.ts';

export const REGISTRY_ADDRESS = '127.0.0.1:8081';
export const registryService: ServiceFiles = { name: 'registry', dir: serviceDir('registry') };
const serverEntry = path.join(REPO_ROOT, 'registry', 'server.ts');

/** The built-in registry is part of the stack once its server exists in the tree. */
export const registryAvailable = (): boolean => existsSync(serverEntry);

export async function registryAnswers(url = `http://${REGISTRY_ADDRESS}`): Promise<boolean> {
  try {
    const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function startRegistry(timeoutMs = 60_000): Promise<{ pid: number; started: boolean }> {
  const existing = runningPid(registryService);
  if (existing !== undefined) return { pid: existing, started: false };
  mkdirSync(registryService.dir, { recursive: true });
  const tsxLoader = tsxLoaderUrl();
  const [host, port] = REGISTRY_ADDRESS.split(':') as [string, string];
  const pid = startDetached(registryService, process.execPath, ['--import', tsxLoader, serverEntry], {
    ...process.env,
    REGISTRY_HOST: host,
    REGISTRY_PORT: port,
    KAFKA_BROKERS: KAFKA_BROKER,
    REGISTRY_TOPIC: '_schemas',
  });
  await waitUntilReady(registryService, pid, () => registryAnswers(), timeoutMs);
  return { pid, started: true };
}
