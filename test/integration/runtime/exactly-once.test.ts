import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { countProcessor } from '../../../streams/reference/count-processor.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';
import {
  asInputRecords,
  killHard,
  produceInput,
  type ReadRecord,
  type ReferenceTopics,
  readTopic,
  startReferenceApp,
  waitForCommitted,
} from '../../support/reference-run.ts';

const PARTITIONS = 3;
const kafka = testKafka();
const children: ChildProcess[] = [];

async function setUpTopics(prefix: string, records: number): Promise<ReferenceTopics> {
  const topics: ReferenceTopics = {
    appId: uniqueName(`${prefix}-app`),
    input: uniqueName(`${prefix}-in`),
    output: uniqueName(`${prefix}-out`),
    dlq: uniqueName(`${prefix}-dlq`),
  };
  await createTopics(kafka, [topics.input, topics.output], { partitions: PARTITIONS });
  await createTopics(kafka, [topics.dlq]);
  await produceInput(kafka, topics.input, records);
  return topics;
}

/** What an uninterrupted run gives: the same processor, in memory, over the input as Kafka stored it. */
async function expectedRun(topics: ReferenceTopics, records: number) {
  const input = await readTopic(kafka, topics.input, records, 500);
  expect(input).toHaveLength(records);
  const definition = countProcessor({
    applicationId: topics.appId,
    inputTopic: topics.input,
    outputTopic: topics.output,
    windowMs: 1000,
    graceMs: 500,
  });
  return runInMemory(definition, asInputRecords(topics.input, input));
}

/** Outputs of one key, in order: a key's records share a partition, so this order is defined. */
function byKey(values: readonly unknown[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const value of values) {
    const { key } = value as { key: string };
    const list = map.get(key) ?? [];
    list.push(JSON.stringify(value));
    map.set(key, list);
  }
  return map;
}

async function compareWithUninterrupted(topics: ReferenceTopics, records: number): Promise<void> {
  const expected = await expectedRun(topics, records);
  const expectedOutputs = [...expected.outputs.values()].flat().map((o) => o.value);
  const output = await readTopic(kafka, topics.output, expectedOutputs.length);
  expect(output.length).toBe(expectedOutputs.length);
  expect(byKey(output.map((r: ReadRecord) => r.value))).toEqual(byKey(expectedOutputs));

  const deadLetters = await readTopic(kafka, topics.dlq, expected.rejected.length);
  const offsetsOf = (list: readonly { partition: number; offset: string }[]) =>
    list.map((r) => `${r.partition}:${r.offset}`).sort();
  expect(
    offsetsOf(
      deadLetters.map((d) => {
        const v = d.value as { source_partition: number; source_offset: number; reason_code: string };
        expect(v.reason_code).toBe('LATE_RECORD');
        return { partition: v.source_partition, offset: String(v.source_offset) };
      }),
    ),
  ).toEqual(offsetsOf(expected.rejected));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('exactly-once runtime with the reference processor', () => {
  it('killed with -9 five times at random points, the committed output equals an uninterrupted run', async () => {
    const records = 100_000;
    const topics = await setUpTopics('eos-crash', records);
    const kills = 6;
    for (let i = 0; i < kills; i++) {
      const child = startReferenceApp(topics, { REF_SESSION_TIMEOUT_MS: '6000' });
      children.push(child);
      await sleep(1500 + Math.floor(Math.random() * 2500));
      await killHard(child);
    }
    const survivor = startReferenceApp(topics, { REF_SESSION_TIMEOUT_MS: '6000' });
    children.push(survivor);
    await waitForCommitted(kafka, topics.appId, topics.input);
    survivor.kill('SIGTERM');
    await compareWithUninterrupted(topics, records);
  }, 600_000);

  it('two instances share the work; when one is killed the other takes its partitions over with their state', async () => {
    const records = 60_000;
    const topics = await setUpTopics('eos-scale', records);
    const env = { REF_SESSION_TIMEOUT_MS: '6000', REF_TXN_RECORDS: '200' };
    const first = startReferenceApp(topics, env);
    const second = startReferenceApp(topics, env);
    children.push(first, second);
    await sleep(4000);
    await killHard(first);
    await waitForCommitted(kafka, topics.appId, topics.input);
    second.kill('SIGTERM');
    await compareWithUninterrupted(topics, records);
  }, 600_000);

  afterAll(async () => {
    for (const child of children) await killHard(child);
  });
});
