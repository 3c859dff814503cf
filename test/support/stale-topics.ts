import type { Admin } from 'kafkajs';

/**
 * Test runs leave their topics behind (each test has names of its own, and a
 * failed run cleans nothing up). On the local stack thousands of leftover
 * partitions exhaust the broker's file handles after a few runs, so each run
 * first deletes the test topics of runs long finished. A test name carries
 * its creation time (see uniqueName): `<prefix>-<ms in base 36>-<8 hex>`.
 */
const TEST_NAME = /-([0-9a-z]{8})-[0-9a-f]{8}(?=[._-]|$)/;

/** When the test name inside `name` was made, or undefined for a name no test made. */
export function testNameCreatedAt(name: string): number | undefined {
  const match = TEST_NAME.exec(name);
  if (!match) return undefined;
  const at = Number.parseInt(match[1]!, 36);
  // A plausible time only: after 2020 and not in the future.
  return at > Date.parse('2020-01-01') && at <= Date.now() ? at : undefined;
}

/** Deletes the test topics made more than `olderThanMs` ago; returns how many. */
export async function deleteStaleTestTopics(admin: Admin, olderThanMs: number): Promise<number> {
  const horizon = Date.now() - olderThanMs;
  const stale = (await admin.listTopics()).filter((topic) => {
    const at = testNameCreatedAt(topic);
    return at !== undefined && at < horizon;
  });
  for (let start = 0; start < stale.length; start += 100)
    await admin.deleteTopics({ topics: stale.slice(start, start + 100), timeout: 60_000 });
  return stale.length;
}
