import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { fieldEventTime, jsonCodec } from '../../../streams/runtime/json-codec.ts';
import { StreamRuntime } from '../../../streams/runtime/runtime.ts';
import type { ProcessorDefinition } from '../../../streams/runtime/types.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';
import { readTopic } from '../../support/reference-run.ts';

/**
 * A record the processor throws on must not stop the partition, nor leave
 * behind the writes the processor made before it threw: it goes to the
 * dead-letter topic and the records around it are processed as usual.
 */
describe('a poison record', () => {
  it('is dead-lettered with the error, and its partial state changes are undone', async () => {
    const kafka = testKafka();
    const [input, output, dlq] = ['poison-in', 'poison-out', 'poison-dlq'].map(uniqueName) as [
      string,
      string,
      string,
    ];
    await createTopics(kafka, [input, output, dlq]);
    const definition: ProcessorDefinition<unknown> = {
      applicationId: uniqueName('poison-app'),
      inputTopics: [input],
      stores: ['sum'],
      process(record, ctx) {
        const sum = ctx.store<number>('sum');
        const n = (record.value as { n: number }).n;
        sum.put('total', (sum.get('total') ?? 0) + n);
        if (n === 13) throw new Error('unlucky number');
        ctx.send({ topic: output, key: record.key, value: { total: sum.get('total') } });
      },
    };
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: input,
      messages: [1, 2, 13, 4, 'not json'].map((n) => ({
        key: 'k',
        value: typeof n === 'number' ? JSON.stringify({ n, at: Date.parse('2026-03-02T15:00:00Z') + n }) : n,
      })),
    });
    await producer.disconnect();

    const runtime = new StreamRuntime({
      kafka,
      definition,
      codec: jsonCodec(fieldEventTime('at')),
      deadLetterTopic: dlq,
    });
    await runtime.start();
    try {
      const totals = await readTopic(kafka, output, 3);
      // 13 was added and then the processor threw: the total after it must not include it.
      expect(totals.map((r) => r.value)).toEqual([{ total: 1 }, { total: 3 }, { total: 7 }]);
      const letters = await readTopic(kafka, dlq, 2);
      expect(letters.map((r) => (r.value as { reason_code: string }).reason_code)).toEqual([
        'PROCESSOR_ERROR',
        'CORRUPT_BODY',
      ]);
      expect((letters[0]!.value as { reason: string }).reason).toContain('unlucky number');
      expect(runtime.metrics.snapshot().deadLetters).toBe(2);
    } finally {
      await runtime.stop();
    }
  });
});
