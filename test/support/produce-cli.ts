import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEndpoints } from '../../config/endpoints.ts';
import { REPO_ROOT } from '../../stack/paths.ts';
import { uniqueName } from './names.ts';

/**
 * Publishes records the way an upstream team would: a JSON-lines file in
 * `dir` and `npm run produce`, the topic prefixed as the job prefixes it.
 * Throws unless every line was produced; returns what the CLI printed.
 */
export function produceWithCli(
  prefix: string,
  topic: string,
  records: readonly object[],
  dir: string,
): string {
  const file = path.join(dir, `${uniqueName('produce')}-${topic}.jsonl`);
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const endpoints = loadEndpoints();
  const result = spawnSync('npm', ['run', '--silent', 'produce', '--', '--topic', topic, '--file', file], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
      AMC_TOPIC_PREFIX: prefix,
    },
  });
  if (result.status !== 0) throw new Error(`produce ${topic} failed: ${result.stderr}${result.stdout}`);
  if (!result.stdout.includes(`${records.length} produced to ${prefix}${topic}`))
    throw new Error(`unexpected produce output: ${result.stdout}`);
  return result.stdout;
}
