import { describe, expect, it } from 'vitest';
import { kafkaClusterId } from '../../../stack/kafka.ts';

describe('the KRaft cluster id', () => {
  it('is drawn again when it would begin with "-", which the storage tool reads as an option', () => {
    // 0xf8 = 111110xx: the first base64url digit is 62, '-'.
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = kafkaClusterId(() => draws.shift()!);
    expect(id).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
    expect(draws).toHaveLength(0);
  });

  it('is 22 URL-safe base64 characters, never beginning with "-"', () => {
    for (let i = 0; i < 2000; i++) expect(kafkaClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
