import type { Codec, Decoded } from './types.ts';

/** JSON values, for the reference processor and runtime tests (the product topics use Avro). */
export const jsonCodec: Codec<unknown> = {
  async decode(_topic: string, value: Buffer | null): Promise<Decoded<unknown>> {
    if (value === null) return { ok: false, code: 'NULL_VALUE', reason: 'record has no value' };
    try {
      return { ok: true, value: JSON.parse(value.toString('utf8')) as unknown };
    } catch (err) {
      return { ok: false, code: 'CORRUPT_BODY', reason: `not JSON: ${(err as Error).message}` };
    }
  },
  async encode(_topic: string, value: unknown): Promise<Buffer> {
    return Buffer.from(
      JSON.stringify(value, (_k, v: unknown) => {
        // Buffer.toJSON has already run when the replacer sees a Buffer: keep bytes readable as base64.
        const raw = v as { type?: string; data?: number[] } | null;
        return raw !== null && typeof raw === 'object' && raw.type === 'Buffer' && Array.isArray(raw.data)
          ? Buffer.from(raw.data).toString('base64')
          : v;
      }),
      'utf8',
    );
  },
};
