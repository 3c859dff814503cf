import { describe, expect, it } from 'vitest';
import { inputsEmpty } from '../../../streams/app/job/sample-feed.ts';
import { topicEnds } from '../../../streams/runtime/topic-metadata.ts';
import { adminAnswering, notLeader } from '../../support/offsets-admin.ts';

/*
 * Asking where a topic ends right after it was created (or after a broker
 * restart) can meet NOT_LEADER_FOR_PARTITION for a while. Every place that
 * asks goes through topicEnds, which waits that out and still fails on an
 * error that does not pass.
 */
const refuse = () => {
  throw notLeader();
};
const holding = (high: string) => () => [{ partition: 0, offset: high, high, low: '0' }];

describe('where a topic ends', () => {
  it('is asked again while the partition has no settled leader', async () => {
    const { admin, asked } = adminAnswering([refuse, refuse, holding('7')]);
    expect(await topicEnds(admin, 't')).toEqual([{ partition: 0, offset: '7', high: '7', low: '0' }]);
    expect(asked()).toBe(3);
  });

  it('is not asked again after an error that does not pass', async () => {
    const { admin, asked } = adminAnswering([
      () => {
        throw new Error('topic authorization failed');
      },
      holding('7'),
    ]);
    await expect(topicEnds(admin, 't')).rejects.toThrow('topic authorization failed');
    expect(asked()).toBe(1);
  });

  it("lets the job's check for empty inputs wait out a new topic's leader", async () => {
    const { admin, asked } = adminAnswering([refuse, holding('0')]);
    expect(await inputsEmpty(admin, 'prefix-')).toBe(true);
    // One refusal, then one answer for each of the three input topics.
    expect(asked()).toBe(4);
  });
});
