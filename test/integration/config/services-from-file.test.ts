import { afterAll, describe, expect, it } from 'vitest';
import { loadEndpoints } from '../../../config/endpoints.ts';
import { TOPICS } from '../../../schemas/topics.ts';
import { TABLES } from '../../../sinks/schema/names.ts';
import { type CliRun, runCli } from '../../support/cli-process.ts';
import { createTestDatabase, type TestDatabase } from '../../support/clickhouse.ts';
import { configFiles } from '../../support/config-files.ts';
import { testKafka } from '../../support/kafka.ts';
import { generateOutcomes } from '../../support/outcome-records.ts';
import { freePort } from '../../support/ports.ts';
import { killHard } from '../../support/reference-run.ts';
import { newSinkRun, produceRecords, waitForSinkCommitted } from '../../support/sink-run.ts';
import { testSerde } from '../../support/tracker-run.ts';

const files = configFiles('services-config');
const kafka = testKafka();
const runs: CliRun[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const run of runs) await killHard(run.child);
  for (const db of databases) await db.drop().catch(() => undefined);
  files.remove();
});

/** The test stack's endpoints written into the file: nothing comes from endpoint variables. */
function endpointsSection() {
  const real = loadEndpoints();
  return {
    kafkaBrokers: [...real.kafkaBrokers],
    schemaRegistryUrl: real.schemaRegistryUrl,
    clickhouseUrl: real.clickhouseUrl,
  };
}

describe('the services configured by the file alone', () => {
  it('npm run sink stores into the file’s database, in batches of the file’s size', async () => {
    const run = newSinkRun('sink-file');
    // An empty database of the test's own: the sink migrates it.
    const db = await createTestDatabase('sink_file', { migrated: false });
    databases.push(db);
    const { database } = db.target;
    const file = files.write({
      endpoints: endpointsSection(),
      job: { applicationId: run.applicationId, topicPrefix: run.prefix, sessionTimeoutMs: 6000 },
      // Two rows make a batch; by age a batch would wait ten minutes.
      sink: { database, batchRows: 2, batchAgeMs: 600_000, maxBufferedRecords: 100 },
    });
    const sink = runCli('bin/sink.ts', [], { AMC_CONFIG: file });
    runs.push(sink);
    await sink.waitFor(/\[sink\] consuming 9 topics/, 120_000);

    const outcomes = generateOutcomes(6).records;
    const topic = run.topics[TOPICS.recommendationOutcomes.name];
    await produceRecords(kafka, testSerde(), topic, TOPICS.recommendationOutcomes.name, outcomes);
    await waitForSinkCommitted(kafka, run, 60_000);
    const stored = sink
      .stdout()
      .split('\n')
      .filter((line) => line.includes('[sink] stored'));
    expect(stored.length).toBeGreaterThan(0);
    for (const line of stored) expect(line).toMatch(/\[size\]$/);
    expect(sink.stdout()).toContain(`database ${database} at migration`);

    const [count] = await db.session.query<{ n: string }>(
      `SELECT count() AS n FROM ${TABLES.recommendationTracking}`,
    );
    expect(Number(count!.n)).toBe(outcomes.length);
    sink.child.kill('SIGTERM');
    expect(await sink.exit).toBe(0);
  }, 180_000);

  it('npm run api listens where the file says and enforces the file’s token', async () => {
    const port = await freePort();
    const token = 'file-token-0123456789abcdef';
    const db = await createTestDatabase('api_file');
    databases.push(db);
    const run = newSinkRun('api-file');
    const file = files.write({
      endpoints: endpointsSection(),
      job: { applicationId: run.applicationId, topicPrefix: run.prefix },
      sink: { database: db.target.database },
      api: { port, token },
    });
    const api = runCli('bin/api.ts', [], { AMC_CONFIG: file });
    runs.push(api);
    await api.waitFor(new RegExp(`listening on http://127\\.0\\.0\\.1:${port} .*mutations enabled`), 120_000);

    const ack = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/alerts/${'0'.repeat(32)}/ack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ acknowledged_by: 'ops' }),
      }).then(async (r) => [r.status, ((await r.json()) as { error: { code: string } }).error.code]);
    expect(await ack({})).toEqual([401, 'TOKEN_MISSING']);
    expect(await ack({ authorization: 'Bearer another-token-0123456789' })).toEqual([403, 'TOKEN_INVALID']);
    // The token accepted, the request reaches the file's database: there is no such alert in it.
    expect(await ack({ authorization: `Bearer ${token}` })).toEqual([404, 'ALERT_NOT_FOUND']);
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
  }, 180_000);
});
