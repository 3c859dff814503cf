import { describe, expect, it } from 'vitest';
import { requestsOf } from '../../../streams/runtime/transaction-writer.ts';

const message = (key: string, bytes: number) => ({ key, value: Buffer.alloc(bytes) });

describe('requestsOf', () => {
  it('keeps a small transaction in one request', () => {
    const requests = requestsOf(
      new Map([
        ['out', [message('a', 10)]],
        ['changelog', [message('b', 10)]],
      ]),
      1_000,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]!.map((r) => r.topic)).toEqual(['out', 'changelog']);
  });

  it('splits a large one so that no request passes the byte budget, keeping each topic in order', () => {
    const out = Array.from({ length: 30 }, (_, i) => message(`o${i}`, 100));
    const changelog = Array.from({ length: 20 }, (_, i) => message(`c${i}`, 300));
    const requests = requestsOf(
      new Map([
        ['out', out],
        ['changelog', changelog],
      ]),
      1_000,
    );
    const bytes = (r: (typeof requests)[number]) =>
      r
        .flatMap((t) => t.messages)
        .reduce((sum, m) => sum + (m.value as Buffer).length + String(m.key).length + 64, 0);
    expect(requests.length).toBeGreaterThan(5);
    for (const request of requests) expect(bytes(request)).toBeLessThanOrEqual(1_000);
    const keysOf = (topic: string) =>
      requests.flatMap((r) =>
        r.filter((t) => t.topic === topic).flatMap((t) => t.messages.map((m) => m.key)),
      );
    expect(keysOf('out')).toEqual(out.map((m) => m.key));
    expect(keysOf('changelog')).toEqual(changelog.map((m) => m.key));
  });

  it('sends a record larger than the budget alone rather than not at all', () => {
    const requests = requestsOf(
      new Map([['out', [message('a', 10), message('big', 5_000), message('b', 10)]]]),
      1_000,
    );
    expect(requests.map((r) => r[0]!.messages.map((m) => m.key))).toEqual([['a'], ['big'], ['b']]);
  });
});
