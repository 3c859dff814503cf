// Command-line arguments of bin/produce.ts, parsed without side effects.

import { parseFlags } from '../../../config/cli-flags.ts';
import { isTopicName, TOPIC_NAMES, type TopicName } from '../../../schemas/topics.ts';
import { registryUrlFromEnv } from '../registry-http.ts';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

export const PRODUCE_USAGE = `usage: tsx bin/produce.ts --topic <topic> --file <events.jsonl> [--brokers host:port,...] [--registry url] [--dry-run]
  One JSON record per line. Bytes fields are base64 text; fields with a default may be left out.
  --topic     the contract's topic name; the job's topic prefix (job.topicPrefix, AMC_TOPIC_PREFIX) is prepended as the job does
  Each record's Kafka timestamp is its own event time (bar timestamp, run finished_at, position as_of...).
  --brokers   defaults to the job's brokers (AMC_CONFIG's endpoints.kafkaBrokers, KAFKA_BROKERS), then ${DEFAULT_KAFKA_BROKERS}
  --registry  defaults to the job's registry (endpoints.schemaRegistryUrl, SCHEMA_REGISTRY_URL), then http://127.0.0.1:8081
  --dry-run   validate only, produce nothing
  exit codes: 0 every line good and produced; 1 some lines bad (the good ones are produced); 2 usage error; 3 Kafka or registry failure
  topics: ${TOPIC_NAMES.join(', ')}`;

export interface ProduceOptions {
  readonly topic: TopicName;
  readonly file: string;
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly dryRun: boolean;
  /** Prepended to the topic name (AMC_TOPIC_PREFIX). */
  readonly topicPrefix: string;
}

export type ParsedArgs =
  | { readonly ok: true; readonly options: ProduceOptions }
  | { readonly ok: false; readonly help: boolean; readonly message: string };

export function parseProduceArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
  prefixOf: (env: NodeJS.ProcessEnv) => string = () => '',
): ParsedArgs {
  const flags = parseFlags(argv, {
    values: ['--topic', '--file', '--brokers', '--registry'],
    switches: ['--dry-run'],
  });
  const refuse = (message: string): ParsedArgs => ({
    ok: false,
    help: false,
    message: `${message}\n${PRODUCE_USAGE}`,
  });
  if (!flags.ok)
    return flags.help ? { ok: false, help: true, message: PRODUCE_USAGE } : refuse(flags.message);
  const { values } = flags;
  const dryRun = flags.switches.has('--dry-run');
  const topic = values.get('--topic');
  const file = values.get('--file');
  if (topic === undefined) return refuse('--topic is required');
  if (!isTopicName(topic)) return refuse(`unknown topic ${topic}; one of ${TOPIC_NAMES.join(', ')}`);
  if (file === undefined) return refuse('--file is required');
  const brokers = (values.get('--brokers') ?? env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS)
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (brokers.length === 0) return refuse('--brokers is empty');
  const registryUrl = values.get('--registry') ?? registryUrlFromEnv(env);
  let topicPrefix: string;
  try {
    topicPrefix = prefixOf(env);
  } catch (error) {
    return { ok: false, help: false, message: (error as Error).message };
  }
  return { ok: true, options: { topic, file, brokers, registryUrl, dryRun, topicPrefix } };
}
