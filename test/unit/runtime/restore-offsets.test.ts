import { describe, expect, it } from 'vitest';
import { PartitionProcessor } from '../../../streams/runtime/partition-processor.ts';
import { restorePartition } from '../../../streams/runtime/restore.ts';
import { changelogStores } from '../../../streams/runtime/topics.ts';
import type { ProcessorDefinition } from '../../../streams/runtime/types.ts';
import { adminAnswering, notLeader } from '../../support/offsets-admin.ts';

/*
 * Restoring starts by asking where each changelog partition ends. A changelog
 * created a moment before answers NOT_LEADER_FOR_PARTITION for a while; that
 * must delay the task's opening, not fail it (it once ended a whole process).
 */
const definition: ProcessorDefinition<unknown> = {
  applicationId: 'restore-offsets',
  inputTopics: ['in'],
  stores: ['counts'],
  process() {},
};

const empty = () => [{ partition: 0, offset: '0', high: '0', low: '0' }];

describe('restoring a partition whose changelog was just created', () => {
  it('waits out NOT_LEADER_FOR_PARTITION and finds the changelog empty', async () => {
    const { kafka, asked } = adminAnswering([
      () => {
        throw notLeader();
      },
      () => {
        throw notLeader();
      },
      empty,
    ]);
    const result = await restorePartition(
      kafka,
      new PartitionProcessor(definition, 0),
      async () => undefined,
    );
    expect(result).toEqual({ records: 0 });
    // Two refusals, then one answer for each changelog (the processor's store and the runtime's own).
    expect(asked()).toBe(2 + changelogStores(definition).length);
  });

  it('still fails on an error that is not transient', async () => {
    const { kafka } = adminAnswering([
      () => {
        throw new Error('topic authorization failed');
      },
    ]);
    await expect(
      restorePartition(kafka, new PartitionProcessor(definition, 0), async () => undefined),
    ).rejects.toThrow('topic authorization failed');
  });
});
