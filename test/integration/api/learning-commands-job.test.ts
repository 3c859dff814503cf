import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiConfig } from '../../../api/config.ts';
import { type ApiServer, startApi } from '../../../api/server.ts';
import { loadEndpoints } from '../../../config/endpoints.ts';
import type { DeadLetter } from '../../../schemas/types.generated.ts';
import { TEST_TOKEN } from '../../support/api-harness.ts';
import { createTestDatabase, type TestDatabase } from '../../support/clickhouse.ts';
import { testKafka } from '../../support/kafka.ts';
import {
  createLearningTopics,
  type LearningRun,
  newLearningRun,
  readCycles,
  startLearningJob,
} from '../../support/learning-run.ts';
import { killHard } from '../../support/reference-run.ts';
import { PARTITIONS, readAvro, testSerde } from '../../support/tracker-run.ts';

/*
 * The learning commands the way an operator sends them: over HTTP to the API
 * as startApi() serves it, on the job's own topics, with the job (coordinator
 * on) applying them. Nothing has been learned yet, so the cycle is empty and
 * the approval and the rollback have nothing to act on: the coordinator
 * refuses both to the dead-letter topic, which is their answer.
 */
describe('learning commands through the API of a running job', () => {
  const kafka = testKafka();
  let run: LearningRun;
  let job: ChildProcess | undefined;
  let api: ApiServer | undefined;
  let db: TestDatabase;

  const post = async (path: string, body: object) => {
    const response = await fetch(`${api!.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  beforeAll(async () => {
    run = newLearningRun('api-commands');
    await createLearningTopics(kafka, run);
    db = await createTestDatabase('api_commands_job');
    job = startLearningJob(run);
    api = await startApi({
      config: apiConfig({ token: TEST_TOKEN, database: db.target.database, port: 0 }),
      endpoints: loadEndpoints(),
      job: {
        applicationId: run.applicationId,
        topicPrefix: run.prefix,
        partitions: PARTITIONS,
        sessionTimeoutMs: 6_000,
        maxRecordsPerTransaction: 500,
      },
      kafka,
      serde: testSerde(),
      logger: false,
    });
  });

  afterAll(async () => {
    await api?.stop();
    if (job) await killHard(job);
    await db?.drop();
  });

  it('POST /learning/cycles: 202, then the cycle on-demand-<command id> on the cycles topic', async () => {
    const { status, body } = await post('/learning/cycles', { requested_by: 'ops' });
    expect(status).toBe(202);
    expect(body.cycle_id).toBe(`on-demand-${body.command_id}`);
    const cycles = await readCycles(kafka, run, (read) =>
      read.some((c) => c.cycle_id === body.cycle_id && c.status === 'COMPLETED'),
    );
    const cycle = cycles.find((c) => c.cycle_id === body.cycle_id && c.status === 'COMPLETED')!;
    expect(cycle).toMatchObject({ trigger: 'ON_DEMAND', window_end: Date.parse(body.requested_at!) });
  });

  it('POST approve and rollback with nothing to act on: 202, then each refused to the dead-letter topic', async () => {
    const approve = await post('/learning/parameters/composite_score_threshold/approve', {
      requested_by: 'ops',
      command_id: `approve-${run.applicationId}`,
    });
    const rollback = await post('/learning/parameters/vigl_score_threshold/rollback', {
      requested_by: 'ops',
      command_id: `rollback-${run.applicationId}`,
    });
    expect([approve.status, rollback.status]).toEqual([202, 202]);
    const refusedBoth = (letters: readonly DeadLetter[]) =>
      [approve.body.command_id, rollback.body.command_id].every((id) =>
        letters.some((l) => l.reason.includes(`${id} refused`)),
      );
    const letters = await readAvro(
      kafka,
      testSerde(),
      run.learning.deadLetters,
      'amc.learning.dead-letters.v1',
      refusedBoth,
    );
    expect(refusedBoth(letters)).toBe(true);
    const approval = letters.find((l) => l.reason.includes(`approval ${approve.body.command_id} refused`))!;
    expect(approval).toMatchObject({
      source_topic: run.learning.coordinatorInputs,
      reason_code: 'PROCESSING_FAILED',
    });
  });
});
