// The small contract the serde needs from a schema registry. Adapters:
// registry-http.ts (any Confluent-API registry) and registry-memory.ts (tests).

export interface SchemaRegistryClient {
  /** Registers a schema under a subject; idempotent: the same schema gets its existing id. */
  register(subject: string, schema: string): Promise<number>;
  /** The schema text of an id, or undefined when the registry does not know the id. */
  schemaById(id: number): Promise<string | undefined>;
}

/** A registry call failed. Retriable failures (network, 5xx) say nothing about the record. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    message: string,
    readonly retriable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
