import { describe, expect, it } from 'vitest';
import { createHttpRegistryClient } from '../../../streams/serde/registry-http.ts';

function fakeFetch(answer: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    return answer(String(url), init);
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('createHttpRegistryClient', () => {
  it('registers under the encoded subject and returns the id', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, { id: 7 }));
    const client = createHttpRegistryClient({ url: 'http://registry:8081/', fetch });
    expect(await client.register('amc.market.bars.v1-value', '{"type":"string"}')).toBe(7);
    expect(calls[0]?.url).toBe('http://registry:8081/subjects/amc.market.bars.v1-value/versions');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      schema: '{"type":"string"}',
      schemaType: 'AVRO',
    });
  });

  it('answers undefined for an unknown id and the schema for a known one', async () => {
    const { fetch } = fakeFetch((url) =>
      url.endsWith('/3') ? json(200, { schema: '"string"' }) : json(404, { error_code: 40403 }),
    );
    const client = createHttpRegistryClient({ url: 'http://r', fetch });
    expect(await client.schemaById(3)).toBe('"string"');
    expect(await client.schemaById(4)).toBeUndefined();
  });

  it('says whether a failure is worth retrying', async () => {
    const down = createHttpRegistryClient({ url: 'http://r', fetch: fakeFetch(() => json(503, {})).fetch });
    await expect(down.schemaById(1)).rejects.toMatchObject({ retriable: true, status: 503 });
    const incompatible = createHttpRegistryClient({
      url: 'http://r',
      fetch: fakeFetch(() => json(409, {})).fetch,
    });
    await expect(incompatible.register('s', '"string"')).rejects.toMatchObject({
      retriable: false,
      status: 409,
    });
    const unreachable = createHttpRegistryClient({
      url: 'http://r',
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof globalThis.fetch,
    });
    await expect(unreachable.schemaById(1)).rejects.toMatchObject({ retriable: true });
  });
});
