/**
 * A learning cycle on demand once a backfill has landed. Weekly cycles that
 * fired while the backfill ran saw only the outcomes that had reached the
 * coordinator by then (in a backfill the runs race ahead of the tracker's
 * outcomes); a cycle requested after everything landed, as of the data's
 * end, sees them all. Its command id is fixed by its instant, so asking
 * twice runs it once.
 */
import type { Kafka } from 'kafkajs';
import { createCommandPublisher } from '../../learning/command-publisher.ts';
import { type JobConfig, learningTopicsFor } from '../job-config.ts';

export async function requestClosingCycle(kafka: Kafka, job: JobConfig, at: number): Promise<string> {
  const publisher = await createCommandPublisher({ kafka, topic: learningTopicsFor(job).commands });
  try {
    const command = await publisher.runCycle({
      requestedBy: 'amc-learning start',
      requestedAt: at,
      commandId: `after-backfill-${at}`,
    });
    return command.command_id;
  } finally {
    await publisher.close();
  }
}
