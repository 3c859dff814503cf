// Produces JSONL records to a project topic in the Confluent wire format,
// refusing (and reporting) every line that breaks the schema or the rules.
// Usage: tsx bin/produce.ts --topic <topic> --file events.jsonl [--brokers ...] [--registry ...]
import { readFile } from 'node:fs/promises';
import { Kafka, logLevel } from 'kafkajs';
import { topicPrefixFromEnv } from '../streams/app/job-config.ts';
import { type ProduceOptions, parseProduceArgs } from '../streams/serde/cli/produce-args.ts';
import { validateLines } from '../streams/serde/cli/validate-lines.ts';
import { DEFAULT_FUTURE_MARGIN_MS } from '../streams/serde/generic-checks.ts';
import { createPublisher } from '../streams/serde/publish.ts';
import { createHttpRegistryClient } from '../streams/serde/registry-http.ts';
import { createSerde } from '../streams/serde/serde.ts';

const EXIT_BAD_LINES = 1;
const EXIT_USAGE = 2;
const EXIT_INFRASTRUCTURE = 3;
async function produce(
  options: ProduceOptions,
  lines: ReturnType<typeof validateLines>['good'],
): Promise<void> {
  const serde = createSerde({ registry: createHttpRegistryClient({ url: options.registryUrl }) });
  const kafka = new Kafka({
    clientId: 'amc-learning-produce',
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
  });
  const publisher = await createPublisher({ kafka, serde, topicPrefix: options.topicPrefix });
  try {
    await publisher.publish(
      options.topic,
      lines.map((line) => line.record),
    );
  } finally {
    await publisher.close();
  }
}

async function main(): Promise<number> {
  const parsed = parseProduceArgs(process.argv.slice(2), process.env, topicPrefixFromEnv);
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
      console.error(
        `producing to ${options.topicPrefix}${options.topic} failed: ${(error as Error).message}`,
      );
      return EXIT_INFRASTRUCTURE;
    }
  }
  const verb = options.dryRun ? 'valid (dry run)' : `produced to ${options.topicPrefix}${options.topic}`;
  console.log(`${report.good.length} ${verb}, ${report.bad.length} refused`);
  return report.bad.length > 0 ? EXIT_BAD_LINES : 0;
}

process.exitCode = await main();
