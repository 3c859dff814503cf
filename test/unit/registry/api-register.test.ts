import { describe, expect, it } from 'vitest';
import { type Field, recordSchema, testRegistry } from './helpers.ts';

const a: Field = { name: 'a', type: 'int' };
const v1 = recordSchema([a]);
const v2 = recordSchema([a, { name: 'b', type: 'string', default: '' }]);

describe('registering and reading schemas', () => {
  it('gives a new schema an id and version 1, and serves it back', async () => {
    const registry = testRegistry();
    const registered = await registry.register('prices-value', v1);
    expect(registered).toMatchObject({ status: 200, body: { id: 1 } });
    expect(registered.contentType).toBe('application/vnd.schemaregistry.v1+json');

    const latest = await registry.call('GET', '/subjects/prices-value/versions/latest');
    expect(latest.body).toEqual({ subject: 'prices-value', version: 1, id: 1, schema: v1 });
    expect((await registry.call('GET', '/subjects/prices-value/versions/1')).body).toEqual(latest.body);
    expect((await registry.call('GET', '/subjects/prices-value/versions/-1')).body).toEqual(latest.body);
    expect((await registry.call('GET', '/schemas/ids/1')).body).toEqual({ schema: v1 });
    expect((await registry.call('GET', '/subjects/prices-value/versions/1/schema')).body).toEqual(
      JSON.parse(v1),
    );
    expect((await registry.call('GET', '/subjects')).body).toEqual(['prices-value']);
    expect((await registry.call('GET', '/schemas/types')).body).toEqual(['AVRO']);
  });

  it('returns the existing id for the same schema under the same subject, without a new version', async () => {
    const registry = testRegistry();
    await registry.register('s', v1);
    const reformatted = JSON.stringify(JSON.parse(v1), null, 2);
    expect((await registry.register('s', reformatted)).body).toEqual({ id: 1 });
    expect((await registry.register('s', v1)).body).toEqual({ id: 1 });
    expect((await registry.call('GET', '/subjects/s/versions')).body).toEqual([1]);
  });

  it('shares one id across subjects for schemas with the same canonical form', async () => {
    const registry = testRegistry();
    await registry.register('first', v1);
    const keysReordered = JSON.stringify({
      fields: [{ type: { type: 'int' }, name: 'a' }],
      name: 'amc.test.Sample',
      type: 'record',
      doc: 'same layout, other spelling',
    });
    expect((await registry.register('second', keysReordered)).body).toEqual({ id: 1 });
    const second = await registry.call('GET', '/subjects/second/versions/latest');
    // The id names one schema text: the one first registered.
    expect(second.body).toEqual({ subject: 'second', version: 1, id: 1, schema: v1 });
    expect((await registry.call('GET', '/schemas/ids/1/versions')).body).toEqual([
      { subject: 'first', version: 1 },
      { subject: 'second', version: 1 },
    ]);
    expect((await registry.call('GET', '/schemas/ids/1/subjects')).body).toEqual(['first', 'second']);
  });

  it('gives a compatible change a new id and the next version', async () => {
    const registry = testRegistry();
    await registry.register('s', v1);
    expect((await registry.register('s', v2)).body).toEqual({ id: 2 });
    expect((await registry.call('GET', '/subjects/s/versions')).body).toEqual([1, 2]);
    expect((await registry.call('GET', '/subjects/s/versions/latest')).body).toMatchObject({
      version: 2,
      id: 2,
    });
    // Registering an older schema again returns its id, as it is still a live version.
    expect((await registry.register('s', v1)).body).toEqual({ id: 1 });
  });

  it('refuses an incompatible change under the default BACKWARD level with 409', async () => {
    const registry = testRegistry();
    await registry.register('s', v1);
    const noDefault = recordSchema([a, { name: 'b', type: 'string' }]);
    const refused = await registry.register('s', noDefault);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error_code: 409 });
    expect((refused.body as { message: string }).message).toMatch(/incompatible/);
    expect((await registry.call('GET', '/subjects/s/versions')).body).toEqual([1]);
  });

  it('looks a schema up under a subject', async () => {
    const registry = testRegistry();
    await registry.register('s', v1);
    await registry.register('s', v2);
    const found = await registry.call('POST', '/subjects/s', {
      schema: JSON.stringify(JSON.parse(v1), null, 1),
    });
    expect(found).toMatchObject({ status: 200, body: { subject: 's', version: 1, id: 1, schema: v1 } });
  });

  it('accepts schemaType AVRO and plain application/json bodies', async () => {
    const registry = testRegistry();
    expect(
      (await registry.call('POST', '/subjects/s/versions', { schema: v1, schemaType: 'AVRO' })).body,
    ).toEqual({
      id: 1,
    });
    const plain = await registry.app.inject({
      method: 'POST',
      url: '/subjects/t/versions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ schema: v1 }),
    });
    expect(plain.json()).toEqual({ id: 1 });
  });

  it('tests compatibility against the latest or a given version', async () => {
    const registry = testRegistry();
    await registry.register('s', v1);
    const noDefault = recordSchema([a, { name: 'b', type: 'string' }]);
    const url = '/compatibility/subjects/s/versions';
    expect((await registry.call('POST', `${url}/latest`, { schema: v2 })).body).toEqual({
      is_compatible: true,
    });
    expect((await registry.call('POST', `${url}/1`, { schema: noDefault })).body).toEqual({
      is_compatible: false,
    });
    const verbose = await registry.call('POST', `${url}/latest?verbose=true`, { schema: noDefault });
    expect(verbose.body).toMatchObject({ is_compatible: false, messages: [expect.stringMatching(/b/)] });
    // Nothing registered yet: anything is compatible with "latest".
    const fresh = await registry.call('POST', '/compatibility/subjects/none/versions/latest', { schema: v1 });
    expect(fresh.body).toEqual({ is_compatible: true });
  });

  it('follows the compatibility level configured for the subject', async () => {
    const registry = testRegistry();
    await registry.register('s', v1);
    const changedType = recordSchema([{ name: 'a', type: 'string' }]);
    expect((await registry.register('s', changedType)).status).toBe(409);
    await registry.call('PUT', '/config/s', { compatibility: 'NONE' });
    expect((await registry.register('s', changedType)).body).toEqual({ id: 2 });
    await registry.call('PUT', '/config/s', { compatibility: 'FORWARD' });
    const addsRequired = recordSchema([
      { name: 'a', type: 'string' },
      { name: 'c', type: 'long' },
    ]);
    expect((await registry.register('s', addsRequired)).body).toEqual({ id: 3 });
  });
});
