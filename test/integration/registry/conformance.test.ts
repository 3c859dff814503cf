import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/names.ts';
import { call, type RunningRegistry, registryUnderTest } from './builtin-registry.ts';

/**
 * One suite for every Confluent-API registry: the one SCHEMA_REGISTRY_URL
 * names, or the built-in one. Subjects and record names are unique per test,
 * and the global config is never changed, so it can run twice against one
 * shared registry.
 */
let registry: RunningRegistry;
beforeAll(async () => {
  registry = await registryUnderTest();
});
afterAll(async () => {
  await registry?.close();
});

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
  call(registry.url, method, path, body);

interface Field {
  name: string;
  type: unknown;
  default?: unknown;
}

/** A fresh subject with its own record name, at a given compatibility level. */
async function freshSubject(level = 'BACKWARD') {
  const subject = uniqueName('conformance');
  const recordName = `R_${subject.replace(/[^A-Za-z0-9]/g, '_')}`;
  const schema = (fields: Field[]) =>
    JSON.stringify({ type: 'record', name: recordName, namespace: 'amc.test', fields });
  const put = await api('PUT', `/config/${subject}`, { compatibility: level });
  expect(put.status).toBe(200);
  return { subject, schema, path: `/subjects/${encodeURIComponent(subject)}` };
}

const sameAvro = (a: unknown, b: string) =>
  avro.Type.forSchema(JSON.parse(String(a))).equals(avro.Type.forSchema(JSON.parse(b)));

const idOf = (reply: { body: unknown }) => (reply.body as { id: number }).id;

const v1Fields: Field[] = [{ name: 'symbol', type: 'string' }];
const withDefault: Field[] = [...v1Fields, { name: 'score', type: 'double', default: 0 }];
const withoutDefault: Field[] = [...v1Fields, { name: 'score', type: 'double' }];

describe('Confluent REST conformance', () => {
  it('registers a schema, returns the same id for the same schema, and serves it back', async () => {
    const { subject, schema, path } = await freshSubject();
    const first = await api('POST', `${path}/versions`, { schema: schema(v1Fields) });
    expect(first.status).toBe(200);
    const id = idOf(first);
    expect(id).toBeGreaterThan(0);
    expect(idOf(await api('POST', `${path}/versions`, { schema: schema(v1Fields) }))).toBe(id);

    expect((await api('GET', `${path}/versions`)).body).toEqual([1]);
    const latest = await api('GET', `${path}/versions/latest`);
    expect(latest.body).toMatchObject({ subject, version: 1, id });
    expect(sameAvro((latest.body as { schema: string }).schema, schema(v1Fields))).toBe(true);
    expect((await api('GET', `${path}/versions/1`)).body).toMatchObject({ subject, version: 1, id });

    const byId = await api('GET', `/schemas/ids/${id}`);
    expect(byId.status).toBe(200);
    expect(sameAvro((byId.body as { schema: string }).schema, schema(v1Fields))).toBe(true);
    expect((await api('GET', '/subjects')).body).toContain(subject);
  });

  it('gives the same schema under another subject the same id', async () => {
    const one = await freshSubject();
    const other = uniqueName('conformance-other');
    const id = idOf(await api('POST', `${one.path}/versions`, { schema: one.schema(v1Fields) }));
    const again = await api('POST', `/subjects/${other}/versions`, { schema: one.schema(v1Fields) });
    expect(idOf(again)).toBe(id);
    expect((await api('GET', `/subjects/${other}/versions/latest`)).body).toMatchObject({ version: 1, id });
  });

  it('looks up a schema under a subject (40401 for an unknown subject, 40403 for an unknown schema)', async () => {
    const { subject, schema, path } = await freshSubject();
    const id = idOf(await api('POST', `${path}/versions`, { schema: schema(v1Fields) }));
    const found = await api('POST', path, { schema: schema(v1Fields) });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ subject, version: 1, id });

    const missingSubject = await api('POST', `/subjects/${uniqueName('absent')}`, {
      schema: schema(v1Fields),
    });
    expect(missingSubject).toMatchObject({ status: 404, body: { error_code: 40401 } });
    const missingSchema = await api('POST', path, { schema: schema(withDefault) });
    expect(missingSchema).toMatchObject({ status: 404, body: { error_code: 40403 } });
  });

  it('refuses an incompatible change under BACKWARD with 409 and versions a compatible one', async () => {
    const { path, schema } = await freshSubject('BACKWARD');
    const id1 = idOf(await api('POST', `${path}/versions`, { schema: schema(v1Fields) }));

    const check = await api('POST', `/compatibility${path}/versions/latest`, {
      schema: schema(withoutDefault),
    });
    expect(check).toMatchObject({ status: 200, body: { is_compatible: false } });
    const refused = await api('POST', `${path}/versions`, { schema: schema(withoutDefault) });
    expect(refused).toMatchObject({ status: 409, body: { error_code: 409 } });

    const ok = await api('POST', `/compatibility${path}/versions/1`, { schema: schema(withDefault) });
    expect(ok).toMatchObject({ status: 200, body: { is_compatible: true } });
    const id2 = idOf(await api('POST', `${path}/versions`, { schema: schema(withDefault) }));
    expect(id2).not.toBe(id1);
    expect((await api('GET', `${path}/versions`)).body).toEqual([1, 2]);
    expect((await api('GET', `${path}/versions/latest`)).body).toMatchObject({ version: 2, id: id2 });
  });

  it('keeps a subject compatibility level apart from the global one', async () => {
    const { subject } = await freshSubject('FULL');
    expect((await api('GET', `/config/${subject}`)).body).toEqual({ compatibilityLevel: 'FULL' });
    expect((await api('PUT', `/config/${subject}`, { compatibility: 'NONE' })).body).toEqual({
      compatibility: 'NONE',
    });
    expect((await api('GET', `/config/${subject}`)).body).toEqual({ compatibilityLevel: 'NONE' });
    const global = await api('GET', '/config');
    expect(global.status).toBe(200);
    expect(String((global.body as { compatibilityLevel: string }).compatibilityLevel)).toMatch(
      /^(NONE|BACKWARD|FORWARD|FULL)(_TRANSITIVE)?$/,
    );
    const invalid = await api('PUT', `/config/${subject}`, { compatibility: 'SIDEWAYS' });
    expect(invalid).toMatchObject({ status: 422, body: { error_code: 42203 } });
  });

  it('soft-deletes versions and subjects, keeping their ids resolvable', async () => {
    const { subject, schema, path } = await freshSubject();
    const id1 = idOf(await api('POST', `${path}/versions`, { schema: schema(v1Fields) }));
    const id2 = idOf(await api('POST', `${path}/versions`, { schema: schema(withDefault) }));

    expect((await api('DELETE', `${path}/versions/2`)).body).toBe(2);
    expect((await api('GET', `${path}/versions`)).body).toEqual([1]);
    expect((await api('GET', `${path}/versions/2`)).body).toMatchObject({ error_code: 40402 });
    expect((await api('GET', `/schemas/ids/${id2}`)).status).toBe(200);

    expect((await api('DELETE', path)).body).toEqual([1]);
    expect((await api('GET', '/subjects')).body).not.toContain(subject);
    expect((await api('GET', `${path}/versions`)).body).toMatchObject({ error_code: 40401 });
    expect((await api('GET', `/schemas/ids/${id1}`)).status).toBe(200);
  });

  it('answers bad requests with Confluent error codes', async () => {
    const { schema, path } = await freshSubject();
    await api('POST', `${path}/versions`, { schema: schema(v1Fields) });
    expect(await api('GET', `${path}/versions/99`)).toMatchObject({
      status: 404,
      body: { error_code: 40402 },
    });
    expect(await api('GET', `${path}/versions/abc`)).toMatchObject({
      status: 422,
      body: { error_code: 42202 },
    });
    expect(await api('GET', `/subjects/${uniqueName('absent')}/versions`)).toMatchObject({
      status: 404,
      body: { error_code: 40401 },
    });
    expect(await api('GET', '/schemas/ids/2147483000')).toMatchObject({
      status: 404,
      body: { error_code: 40403 },
    });
    const invalid = await api('POST', `${path}/versions`, {
      schema: '{"type":"record","name":"X","fields":[{"name":"a"}]}',
    });
    expect(invalid).toMatchObject({ status: 422, body: { error_code: 42201 } });
  });
});
