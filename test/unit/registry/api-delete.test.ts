import { describe, expect, it } from 'vitest';
import { type Field, recordSchema, testRegistry } from './helpers.ts';

const a: Field = { name: 'a', type: 'int' };
const v1 = recordSchema([a]);
const v2 = recordSchema([a, { name: 'b', type: 'string', default: '' }]);
const v3 = recordSchema([a, { name: 'c', type: 'long', default: 0 }]);

async function threeVersions() {
  const registry = testRegistry();
  for (const schema of [v1, v2, v3]) await registry.register('s', schema);
  return registry;
}

describe('soft delete of a version', () => {
  it('hides the version but keeps its id resolvable', async () => {
    const registry = await threeVersions();
    expect(await registry.call('DELETE', '/subjects/s/versions/2')).toMatchObject({ status: 200, body: 2 });
    expect((await registry.call('GET', '/subjects/s/versions')).body).toEqual([1, 3]);
    expect((await registry.call('GET', '/subjects/s/versions/2')).body).toMatchObject({ error_code: 40402 });
    expect((await registry.call('GET', '/schemas/ids/2')).body).toEqual({ schema: v2 });
    expect((await registry.call('GET', '/subjects/s/versions?deleted=true')).body).toEqual([1, 2, 3]);
    expect((await registry.call('GET', '/subjects/s/versions/2?deleted=true')).body).toMatchObject({ id: 2 });
    expect((await registry.call('POST', '/subjects/s', { schema: v2 })).body).toMatchObject({
      error_code: 40403,
    });
    expect((await registry.call('POST', '/subjects/s?deleted=true', { schema: v2 })).body).toMatchObject({
      version: 2,
    });
  });

  it('deletes the latest live version for "latest", and refuses a second delete with 40406', async () => {
    const registry = await threeVersions();
    expect((await registry.call('DELETE', '/subjects/s/versions/latest')).body).toBe(3);
    expect((await registry.call('GET', '/subjects/s/versions/latest')).body).toMatchObject({ version: 2 });
    const again = await registry.call('DELETE', '/subjects/s/versions/3');
    expect(again).toMatchObject({ status: 404, body: { error_code: 40406 } });
  });

  it('leaves deleted versions out of compatibility checks', async () => {
    const registry = await threeVersions();
    // Reads c as a string: only v3 wrote a c (a long), so only v3 stands in the way.
    const clashesWithV3 = recordSchema([a, { name: 'c', type: 'string', default: '' }]);
    expect((await registry.register('s', clashesWithV3)).status).toBe(409);
    await registry.call('DELETE', '/subjects/s/versions/3');
    expect((await registry.register('s', clashesWithV3)).body).toEqual({ id: 4 });
    expect((await registry.call('GET', '/subjects/s/versions')).body).toEqual([1, 2, 4]);
  });
});

describe('soft delete of a subject', () => {
  it('returns the deleted versions and hides the subject, ids stay resolvable', async () => {
    const registry = await threeVersions();
    await registry.register('other', v1);
    expect((await registry.call('DELETE', '/subjects/s')).body).toEqual([1, 2, 3]);
    expect((await registry.call('GET', '/subjects')).body).toEqual(['other']);
    expect((await registry.call('GET', '/subjects?deleted=true')).body).toEqual(['other', 's']);
    expect((await registry.call('GET', '/subjects/s/versions')).body).toMatchObject({ error_code: 40401 });
    expect((await registry.call('GET', '/subjects/s/versions/latest')).body).toMatchObject({
      error_code: 40401,
    });
    for (const [id, schema] of [
      [1, v1],
      [2, v2],
      [3, v3],
    ] as const) {
      expect((await registry.call('GET', `/schemas/ids/${id}`)).body).toEqual({ schema });
    }
  });

  it('refuses a second delete with 40404, and an unknown subject with 40401', async () => {
    const registry = await threeVersions();
    await registry.call('DELETE', '/subjects/s');
    expect(await registry.call('DELETE', '/subjects/s')).toMatchObject({
      status: 404,
      body: { error_code: 40404 },
    });
    expect(await registry.call('DELETE', '/subjects/never')).toMatchObject({
      status: 404,
      body: { error_code: 40401 },
    });
  });

  it('continues version numbers after a delete and reuses the schema id', async () => {
    const registry = await threeVersions();
    await registry.call('DELETE', '/subjects/s');
    // Nothing live is left to be compatible with, so any schema is accepted.
    expect((await registry.register('s', v2)).body).toEqual({ id: 2 });
    expect((await registry.call('GET', '/subjects/s/versions')).body).toEqual([4]);
    expect((await registry.call('GET', '/subjects/s/versions/latest')).body).toMatchObject({
      version: 4,
      id: 2,
    });
  });
});
