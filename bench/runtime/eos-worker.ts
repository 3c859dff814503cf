/**
 * One runtime instance of a multi-process exactly-once measurement (see
 * eos-processes.ts): joins the benchmark's group when told to go, reports
 * each commit to the parent, and its own CPU when told to stop.
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints } from '../../config/endpoints.ts';
import { referenceCodec } from '../../streams/reference/count-processor.ts';
import { runtimeLogCreator } from '../../streams/runtime/kafka-logging.ts';
import { StreamRuntime } from '../../streams/runtime/runtime.ts';
import type { ToParent, ToWorker, WorkerSetup } from './eos-processes.ts';
import { benchDefinition } from './processors.ts';

const setup = JSON.parse(process.argv[2]!) as WorkerSetup;
const tell = (message: ToParent) => process.send!(message);

const kafka = new Kafka({
  clientId: 'amc-bench-worker',
  brokers: [...loadEndpoints().kafkaBrokers],
  logLevel: logLevel.NOTHING,
  logCreator: runtimeLogCreator,
});
const runtime = new StreamRuntime({
  kafka,
  definition: benchDefinition(setup.processor, setup.topics),
  codec: referenceCodec,
  deadLetterTopic: setup.deadLetterTopic,
  maxRecordsPerTransaction: setup.txn,
  partitionsConsumedConcurrently: setup.partitions,
});
runtime.events.onEvent('commit', (e) =>
  tell({ type: 'commit', records: e.records, writes: e.writes, latencyMs: e.latencyMs }),
);
runtime.events.onEvent('batch.start', () => tell({ type: 'batch' }));
runtime.done.catch((err: unknown) => tell({ type: 'failed', error: String(err) }));

process.on('message', (message: ToWorker) => {
  if (message.type === 'go') {
    const cpuAtGo = process.cpuUsage();
    runtime.start().catch((err: unknown) => tell({ type: 'failed', error: String(err) }));
    process.once('message', async () => {
      const spent = process.cpuUsage(cpuAtGo);
      await runtime.stop();
      tell({ type: 'stopped', cpuSeconds: (spent.user + spent.system) / 1e6 });
      process.disconnect();
    });
  }
});
tell({ type: 'ready' });
