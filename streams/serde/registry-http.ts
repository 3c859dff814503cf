// SchemaRegistryClient over the Confluent REST API with fetch.
import { RegistryError, type SchemaRegistryClient } from './registry-client.ts';

export const DEFAULT_SCHEMA_REGISTRY_URL = 'http://127.0.0.1:8081';
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export interface HttpRegistryOptions {
  /** Base URL; defaults to SCHEMA_REGISTRY_URL, then the local stack's registry. */
  readonly url?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export function registryUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.SCHEMA_REGISTRY_URL ?? DEFAULT_SCHEMA_REGISTRY_URL;
}

export function createHttpRegistryClient(options: HttpRegistryOptions = {}): SchemaRegistryClient {
  const baseUrl = (options.url ?? registryUrlFromEnv()).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    try {
      return await doFetch(`${baseUrl}${path}`, {
        method,
        headers: { accept: CONTENT_TYPE, 'content-type': CONTENT_TYPE },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new RegistryError(
        `schema registry at ${baseUrl} unreachable: ${String(error)}`,
        true,
        undefined,
        {
          cause: error,
        },
      );
    }
  }

  async function failure(response: Response, what: string): Promise<RegistryError> {
    const text = await response.text().catch(() => '');
    return new RegistryError(
      `${what}: HTTP ${response.status} ${text}`.trim(),
      response.status >= 500 || response.status === 429,
      response.status,
    );
  }

  return {
    async register(subject, schema) {
      const path = `/subjects/${encodeURIComponent(subject)}/versions`;
      const response = await call('POST', path, { schema, schemaType: 'AVRO' });
      if (!response.ok) throw await failure(response, `registering a schema under ${subject}`);
      const { id } = (await response.json()) as { id?: unknown };
      if (typeof id !== 'number')
        throw new RegistryError(`registry answered without an id for ${subject}`, false);
      return id;
    },
    async schemaById(id) {
      const response = await call('GET', `/schemas/ids/${id}`);
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await failure(response, `fetching schema ${id}`);
      // A non-Avro schema (JSON, Protobuf) is returned as is: it fails to parse as Avro later,
      // which rejects the record as SCHEMA_MISMATCH rather than failing the caller.
      const { schema } = (await response.json()) as { schema?: unknown };
      if (typeof schema !== 'string')
        throw new RegistryError(`registry answered without schema ${id}`, false);
      return schema;
    },
  };
}
