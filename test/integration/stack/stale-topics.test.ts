import { describe, expect, it } from 'vitest';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';
import { deleteStaleTestTopics, testNameCreatedAt } from '../../support/stale-topics.ts';

const HOUR = 3_600_000;
/** A test name as uniqueName made it `hoursAgo` hours ago. */
const madeAgo = (prefix: string, hoursAgo: number) =>
  `${prefix}-${(Date.now() - hoursAgo * HOUR).toString(36)}-0badcafe`;

describe('test topics left by earlier runs', () => {
  it('are recognised by the time inside their names, wherever the name sits', () => {
    const before = Date.now();
    const name = uniqueName('sink-e2e');
    const at = testNameCreatedAt(name)!;
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(testNameCreatedAt(`${name}.amc.market.bars.v1`)).toBe(at);
    expect(testNameCreatedAt(`${name}-tracker-symbols-changelog`)).toBe(at);
    // The project's own topics, and names that only look alike, are never a test's.
    expect(testNameCreatedAt('amc.market.bars.v1')).toBeUndefined();
    expect(testNameCreatedAt('amc-learning-tracker-symbols-changelog')).toBeUndefined();
    expect(testNameCreatedAt('x-zzzzzzzz-0badcafe')).toBeUndefined(); // a time far in the future
  });

  it('are deleted when older than the horizon, and recent ones are kept', async () => {
    const kafka = testKafka();
    const stale = `${madeAgo('stale-topic', 7)}.amc.market.bars.v1`;
    const fresh = `${uniqueName('fresh-topic')}.amc.market.bars.v1`;
    await createTopics(kafka, [stale, fresh]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await deleteStaleTestTopics(admin, 6 * HOUR)).toBeGreaterThanOrEqual(1);
      const left = new Set(await admin.listTopics());
      expect(left.has(stale)).toBe(false);
      expect(left.has(fresh)).toBe(true);
      await admin.deleteTopics({ topics: [fresh] });
    } finally {
      await admin.disconnect();
    }
  });
});
