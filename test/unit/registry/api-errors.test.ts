import { describe, expect, it } from 'vitest';
import { REGISTRY_ERRORS } from '../../../registry/errors.ts';
import { recordSchema, testRegistry } from './helpers.ts';

const v1 = recordSchema([{ name: 'a', type: 'int' }]);
const other = recordSchema([{ name: 'z', type: 'long' }], 'Other');

async function seeded() {
  const registry = testRegistry();
  await registry.register('s', v1);
  await registry.register('elsewhere', other);
  return registry;
}

describe('error table', () => {
  it('gives every error a distinct code whose leading digits are its HTTP status', () => {
    const codes = Object.values(REGISTRY_ERRORS).map((error) => error.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const { code, status } of Object.values(REGISTRY_ERRORS)) {
      expect(String(code).startsWith(String(status).slice(0, 3))).toBe(true);
    }
  });
});

describe('error responses, as Confluent shapes them', () => {
  const cases: [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, unknown, number, number][] = [
    ['unknown subject versions', 'GET', '/subjects/nope/versions', undefined, 404, 40401],
    ['unknown subject version', 'GET', '/subjects/nope/versions/1', undefined, 404, 40401],
    ['unknown subject on lookup', 'POST', '/subjects/nope', { schema: v1 }, 404, 40401],
    ['unknown subject on delete', 'DELETE', '/subjects/nope', undefined, 404, 40401],
    [
      'unknown subject, given version, on compatibility',
      'POST',
      '/compatibility/subjects/nope/versions/1',
      { schema: v1 },
      404,
      40401,
    ],
    ['unknown version', 'GET', '/subjects/s/versions/7', undefined, 404, 40402],
    ['unknown version on delete', 'DELETE', '/subjects/s/versions/7', undefined, 404, 40402],
    [
      'unknown version on compatibility',
      'POST',
      '/compatibility/subjects/s/versions/7',
      { schema: v1 },
      404,
      40402,
    ],
    ['schema not under the subject', 'POST', '/subjects/s', { schema: other }, 404, 40403],
    ['unknown schema id', 'GET', '/schemas/ids/99', undefined, 404, 40403],
    ['non-numeric schema id', 'GET', '/schemas/ids/abc', undefined, 404, 40403],
    ['no subject-level config', 'GET', '/config/s', undefined, 404, 40408],
    ['version zero', 'GET', '/subjects/s/versions/0', undefined, 422, 42202],
    ['version not a number', 'GET', '/subjects/s/versions/first', undefined, 422, 42202],
    ['version out of range', 'GET', '/subjects/s/versions/2147483648', undefined, 422, 42202],
    [
      'bad version on compatibility',
      'POST',
      '/compatibility/subjects/s/versions/x',
      { schema: v1 },
      422,
      42202,
    ],
    ['bad version on delete', 'DELETE', '/subjects/s/versions/-2', undefined, 422, 42202],
    ['schema not JSON', 'POST', '/subjects/s/versions', { schema: '{not json' }, 422, 42201],
    ['schema not Avro', 'POST', '/subjects/s/versions', { schema: '{"type":"recordz"}' }, 422, 42201],
    [
      'record without a name',
      'POST',
      '/subjects/s/versions',
      { schema: '{"type":"record","fields":[]}' },
      422,
      42201,
    ],
    [
      'default of the wrong type',
      'POST',
      '/subjects/s/versions',
      { schema: recordSchema([{ name: 'a', type: 'int', default: 'x' }]) },
      422,
      42201,
    ],
    ['no schema', 'POST', '/subjects/s/versions', {}, 422, 42201],
    ['body not an object', 'POST', '/subjects/s/versions', ['x'], 422, 42201],
    [
      'schema type PROTOBUF',
      'POST',
      '/subjects/s/versions',
      { schema: 'syntax = "proto3";', schemaType: 'PROTOBUF' },
      422,
      42201,
    ],
    ['schema type JSON on lookup', 'POST', '/subjects/s', { schema: '{}', schemaType: 'JSON' }, 422, 42201],
    [
      'references',
      'POST',
      '/subjects/s/versions',
      { schema: v1, references: [{ name: 'x', subject: 'y', version: 1 }] },
      422,
      42201,
    ],
    [
      'invalid schema on compatibility',
      'POST',
      '/compatibility/subjects/s/versions/latest',
      { schema: '"nope"' },
      422,
      42201,
    ],
    ['invalid global level', 'PUT', '/config', { compatibility: 'SIDEWAYS' }, 422, 42203],
    ['invalid subject level', 'PUT', '/config/s', { compatibility: 'SIDEWAYS' }, 422, 42203],
    ['missing level', 'PUT', '/config/s', {}, 422, 42203],
    [
      'incompatible schema',
      'POST',
      '/subjects/s/versions',
      { schema: recordSchema([{ name: 'a', type: 'string' }]) },
      409,
      409,
    ],
    ['unknown route', 'GET', '/nowhere', undefined, 404, 404],
    ['permanent delete', 'DELETE', '/subjects/s?permanent=true', undefined, 501, 50101],
  ];

  for (const [what, method, url, body, status, code] of cases) {
    it(`${what}: ${status} / ${code}`, async () => {
      const registry = await seeded();
      const reply = await registry.call(method, url, body);
      expect(reply.status).toBe(status);
      expect(reply.body).toEqual({ error_code: code, message: expect.any(String) });
      expect((reply.body as { message: string }).message.length).toBeGreaterThan(3);
    });
  }

  it('names the unsupported schema type in the message', async () => {
    const registry = await seeded();
    const reply = await registry.call('POST', '/subjects/s/versions', {
      schema: '{}',
      schemaType: 'PROTOBUF',
    });
    expect((reply.body as { message: string }).message).toMatch(/PROTOBUF.*AVRO/);
  });

  it('answers a body that is not JSON with 400 in the same shape', async () => {
    const registry = await seeded();
    const reply = await registry.app.inject({
      method: 'POST',
      url: '/subjects/s/versions',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      payload: '{oops',
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ error_code: 400 });
  });
});
