// Produces JSONL records to a project topic in the Confluent wire format,
// refusing (and reporting) every line that breaks the schema or the rules.
// Usage: tsx bin/produce.ts --topic <topic> --file events.jsonl [--brokers ...] [--registry ...]
import { readFile } from 'node:fs/promises';
import { loadSettings, type Settings } from '../config/settings.ts';
import { connectPublisher } from '../streams/serde/cli/connect-publisher.ts';
import { EXIT_INFRASTRUCTURE, EXIT_REFUSED, EXIT_USAGE } from '../streams/serde/cli/exit-codes.ts';
import { type ProduceOptions, parseProduceArgs } from '../streams/serde/cli/produce-args.ts';
import { validateLines } from '../streams/serde/cli/validate-lines.ts';
import { DEFAULT_FUTURE_MARGIN_MS } from '../streams/serde/generic-checks.ts';

async function produce(
  options: ProduceOptions,
  lines: ReturnType<typeof validateLines>['good'],
): Promise<void> {
  const publisher = await connectPublisher({
    brokers: options.brokers,
    registryUrl: options.registryUrl,
    topicPrefix: options.topicPrefix,
    clientId: 'amc-learning-produce',
  });
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
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (error) {
    console.error((error as Error).message);
    return EXIT_USAGE;
  }
  // Defaults from the job's own configuration (AMC_CONFIG and the environment): both meet on the same topics.
  const defaults = {
    KAFKA_BROKERS: settings.endpoints.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: settings.endpoints.schemaRegistryUrl,
  };
  const parsed = parseProduceArgs(process.argv.slice(2), defaults, () => settings.job.topicPrefix);
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
  return report.bad.length > 0 ? EXIT_REFUSED : 0;
}

process.exitCode = await main();
