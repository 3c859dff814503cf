// Produces JSONL records to a project topic in the Confluent wire format,
// refusing (and reporting) every line that breaks the schema or the rules.
// Usage: tsx bin/produce.ts --topic <topic> --file events.jsonl [--brokers ...] [--registry ...]
import { readFile } from 'node:fs/promises';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { type ProduceOptions, parseProduceArgs } from '../streams/serde/cli/produce-args.ts';
import { validateLines } from '../streams/serde/cli/validate-lines.ts';
import { DEFAULT_FUTURE_MARGIN_MS } from '../streams/serde/generic-checks.ts';
import { createHttpRegistryClient } from '../streams/serde/registry-http.ts';
import { createSerde } from '../streams/serde/serde.ts';

const EXIT_BAD_LINES = 1;
const EXIT_USAGE = 2;
const EXIT_INFRASTRUCTURE = 3;
const BATCH_SIZE = 500;

async function produce(
  options: ProduceOptions,
  lines: ReturnType<typeof validateLines>['good'],
): Promise<void> {
  const serde = createSerde({ registry: createHttpRegistryClient({ url: options.registryUrl }) });
  const messages = [];
  for (const line of lines)
    messages.push({ key: line.key, value: await serde.encode(options.topic, line.record) });
  const kafka = new Kafka({
    clientId: 'amc-learning-produce',
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
  });
  // Java-compatible murmur2, the partitioner the project itself uses.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (let start = 0; start < messages.length; start += BATCH_SIZE) {
      await producer.send({ topic: options.topic, messages: messages.slice(start, start + BATCH_SIZE) });
    }
  } finally {
    await producer.disconnect();
  }
}

async function main(): Promise<number> {
  const parsed = parseProduceArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    (parsed.help ? console.log : console.error)(parsed.message);
    return parsed.help ? 0 : EXIT_USAGE;
  }
  const { options } = parsed;
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${options.file}: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  const report = validateLines(options.topic, text, {
    now: Date.now(),
    futureMarginMs: DEFAULT_FUTURE_MARGIN_MS,
  });
  for (const bad of report.bad)
    console.error(`${options.file}:${bad.lineNumber}: ${bad.code}: ${bad.message}`);
  if (!options.dryRun && report.good.length > 0) {
    try {
      await produce(options, report.good);
    } catch (error) {
      console.error(`producing to ${options.topic} failed: ${(error as Error).message}`);
      return EXIT_INFRASTRUCTURE;
    }
  }
  const verb = options.dryRun ? 'valid (dry run)' : `produced to ${options.topic}`;
  console.log(`${report.good.length} ${verb}, ${report.bad.length} refused`);
  return report.bad.length > 0 ? EXIT_BAD_LINES : 0;
}

process.exitCode = await main();
