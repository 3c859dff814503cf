import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaAckPublisher } from '../../../api/acks/ack-publisher.ts';
import { TOPICS } from '../../../schemas/topics.ts';
import { createPublisher, type Publisher } from '../../../streams/serde/publish.ts';
import { type ApiHarness, startApiHarness, TEST_TOKEN } from '../../support/api-harness.ts';
import { ALERT_IDS, insertKnownRows, NOW } from '../../support/api-known-rows.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';
import { readUntilIdle } from '../../support/topic-reader.ts';
import { testSerde } from '../../support/tracker-run.ts';

// The gate's side of an acknowledgement is covered by test/integration/tracker/known-market.test.ts;
// this checks that the API writes the record that test feeds the gate, where the job reads it.
describe('POST /alerts/:id/ack through Kafka', () => {
  const kafka = testKafka();
  const serde = testSerde();
  const prefix = `${uniqueName('api-ack')}.`;
  const topic = `${prefix}${TOPICS.alertAcks.name}`;
  let publisher: Publisher;
  let api: ApiHarness;

  beforeAll(async () => {
    await createTopics(kafka, [topic], { partitions: 3 });
    publisher = await createPublisher({ kafka, serde, topicPrefix: prefix });
    api = await startApiHarness({ label: 'api_ack', clock: () => NOW, acks: kafkaAckPublisher(publisher) });
    await insertKnownRows(api.db.target);
  });
  afterAll(async () => {
    await api?.close();
    await publisher?.close();
  });

  it('publishes an Avro acknowledgement keyed by the dedup key, stamped with its own time, on the prefixed topic', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: `/alerts/${ALERT_IDS.missedA}/ack`,
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
      payload: { acknowledged_by: 'ana', note: 'on it' },
    });
    expect(response.statusCode).toBe(202);
    const records = await readUntilIdle(
      kafka,
      topic,
      async (value) => {
        const decoded = await serde.decode(TOPICS.alertAcks.name, value);
        if (!decoded.ok) throw new Error(decoded.rejection.code);
        return decoded.record;
      },
      (r) => r.length >= 1,
      { idleMs: 500 },
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      key: `key-${ALERT_IDS.missedA}`,
      timestamp: NOW,
      value: {
        alert_id: ALERT_IDS.missedA,
        dedup_key: `key-${ALERT_IDS.missedA}`,
        acknowledged_by: 'ana',
        acknowledged_at: NOW,
        note: 'on it',
      },
    });
  });
});
