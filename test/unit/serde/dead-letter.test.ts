import { describe, expect, it } from 'vitest';
import { buildDeadLetter, deadLetterKey } from '../../../streams/serde/dead-letter.ts';
import { createMemoryRegistry } from '../../../streams/serde/registry-memory.ts';
import { createSerde } from '../../../streams/serde/serde.ts';

describe('buildDeadLetter', () => {
  it('keeps the original bytes and source, and encodes as a dead-letter record', async () => {
    const failedAt = Date.parse('2026-03-02T15:00:00Z');
    const serde = createSerde({ registry: createMemoryRegistry(), clock: () => failedAt });
    const value = Buffer.from([7, 7, 7]);
    const rejected = await serde.decode('amc.market.bars.v1', value);
    if (rejected.ok) throw new Error('expected a rejection');
    const letter = buildDeadLetter(
      {
        topic: 'amc.market.bars.v1',
        partition: 2,
        offset: '41',
        timestamp: '1000',
        key: Buffer.from('AMC'),
        value,
      },
      rejected.rejection,
      { failedAt, processor: 'tracker' },
    );
    expect(letter).toMatchObject({
      source_topic: 'amc.market.bars.v1',
      source_partition: 2,
      source_offset: 41,
      source_timestamp: 1000,
      reason_code: 'WRONG_MAGIC_BYTE',
      processor: 'tracker',
      failed_at: failedAt,
    });
    expect(deadLetterKey(letter)).toBe('amc.market.bars.v1:2:41');
    const decoded = await serde.decode(
      'amc.learning.dead-letters.v1',
      await serde.encode('amc.learning.dead-letters.v1', letter),
    );
    expect(decoded).toMatchObject({ ok: true, record: { key: Buffer.from('AMC'), value } });
  });

  it('keeps a missing key and a tombstone as null', () => {
    const letter = buildDeadLetter(
      { topic: 't', partition: 0, offset: 0n, timestamp: 0, key: null, value: undefined },
      { code: 'MISSING_VALUE', message: 'record has no value' },
      { failedAt: 1 },
    );
    expect(letter).toMatchObject({ key: null, value: null, processor: null });
  });
});
