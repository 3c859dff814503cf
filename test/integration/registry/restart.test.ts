import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/names.ts';
import {
  call,
  deleteTopic,
  type RunningRegistry,
  startBuiltInRegistry,
  uniqueRegistryTopic,
} from './builtin-registry.ts';

/** Everything a client can read, gathered over HTTP. */
async function snapshot(url: string) {
  const subjects = (await call(url, 'GET', '/subjects?deleted=true')).body as string[];
  const versions: unknown[] = [];
  const ids = new Set<number>();
  for (const subject of subjects) {
    for (const version of (await call(url, 'GET', `/subjects/${subject}/versions?deleted=true`))
      .body as number[]) {
      const entry = (await call(url, 'GET', `/subjects/${subject}/versions/${version}?deleted=true`)).body;
      versions.push(entry);
      ids.add((entry as { id: number }).id);
    }
  }
  const schemas = [];
  for (const id of [...ids].sort((a, b) => a - b))
    schemas.push([id, (await call(url, 'GET', `/schemas/ids/${id}`)).body]);
  const levels = [];
  for (const subject of subjects)
    levels.push((await call(url, 'GET', `/config/${subject}?defaultToGlobal=true`)).body);
  return {
    live: (await call(url, 'GET', '/subjects')).body,
    subjects,
    versions,
    schemas,
    levels,
    global: (await call(url, 'GET', '/config')).body,
  };
}

const schema = (name: string, fields: { name: string; type: string; default?: unknown }[]) =>
  JSON.stringify({ type: 'record', name, namespace: 'amc.test', fields });

describe('built-in registry state lives in its topic', () => {
  const topic = uniqueRegistryTopic();
  const running: RunningRegistry[] = [];
  const start = async () => {
    const registry = await startBuiltInRegistry(topic);
    running.push(registry);
    return registry;
  };
  afterAll(async () => {
    for (const registry of running) await registry.close();
    await deleteTopic(topic);
  });

  it('keeps ids, versions, deletes and config across a restart, and a second instance agrees', async () => {
    const first = await start();
    const s1 = uniqueName('restart-a');
    const s2 = uniqueName('restart-b');
    const v1 = schema('Quote', [{ name: 'symbol', type: 'string' }]);
    const v2 = schema('Quote', [
      { name: 'symbol', type: 'string' },
      { name: 'price', type: 'double', default: 0 },
    ]);
    const other = schema('Trade', [{ name: 'qty', type: 'long' }]);
    const register = (url: string, subject: string, text: string) =>
      call(url, 'POST', `/subjects/${subject}/versions`, { schema: text });

    await call(first.url, 'PUT', `/config/${s2}`, { compatibility: 'NONE' });
    expect((await register(first.url, s1, v1)).body).toEqual({ id: 1 });
    expect((await register(first.url, s1, v2)).body).toEqual({ id: 2 });
    expect((await register(first.url, s2, other)).body).toEqual({ id: 3 });
    expect((await register(first.url, s2, v1)).body).toEqual({ id: 1 });
    await call(first.url, 'PUT', `/config/${s1}`, { compatibility: 'FULL' });
    await call(first.url, 'PUT', '/config', { compatibility: 'FORWARD' });
    await call(first.url, 'DELETE', `/subjects/${s2}/versions/1`);
    const before = await snapshot(first.url);
    expect(before.live).toEqual([s1, s2].sort());

    const second = await start();
    expect(await snapshot(second.url)).toEqual(before);

    await first.close();
    const restarted = await start();
    expect(await snapshot(restarted.url)).toEqual(before);

    // Writes through either instance continue the same id and version sequences, and both see them.
    const next = schema('Bar', [{ name: 'close', type: 'double' }]);
    expect((await register(restarted.url, s2, next)).body).toEqual({ id: 4 });
    expect((await call(second.url, 'GET', '/schemas/ids/4')).status).toBe(200);
    const last = schema('Fill', [{ name: 'px', type: 'double' }]);
    expect((await register(second.url, uniqueName('restart-c'), last)).body).toEqual({ id: 5 });
    expect((await call(restarted.url, 'GET', '/schemas/ids/5')).status).toBe(200);
    expect((await call(second.url, 'GET', `/subjects/${s2}/versions`)).body).toEqual([2, 3]);
    expect(await snapshot(restarted.url)).toEqual(await snapshot(second.url));
  });
});
