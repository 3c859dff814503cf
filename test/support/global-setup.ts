import { spawnSync } from 'node:child_process';
import { usesLocalStack } from '../../config/endpoints.ts';
import { stackDown, stackUp } from '../../stack/stack.ts';

/**
 * Finds the services integration tests run against, in this order: the
 * endpoints named in the environment; containers when a Docker engine answers;
 * otherwise the local stack, started here if it is not up (and stopped again
 * afterwards only if it was started here).
 */
function dockerEngineAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    stdio: 'ignore',
    timeout: 5000,
  });
  return result.status === 0;
}

export default async function setup(): Promise<() => Promise<void>> {
  if (!usesLocalStack()) {
    process.env.AMC_TEST_SERVICES = 'env';
    return async () => undefined;
  }
  if (process.env.AMC_TEST_CONTAINERS !== 'false' && dockerEngineAnswers()) {
    const { startContainers } = await import('./containers.ts');
    const containers = await startContainers();
    Object.assign(process.env, containers.env, { AMC_TEST_SERVICES: 'containers' });
    return () => containers.stop();
  }
  process.env.AMC_TEST_SERVICES = 'local-stack';
  const { started } = await stackUp();
  return async () => {
    if (started.length > 0) await stackDown(started);
  };
}
