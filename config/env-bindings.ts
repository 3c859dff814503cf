/**
 * Settings the environment may set, each bound to one path of the
 * configuration file. A value in the file becomes the variable's value unless
 * the environment sets the variable itself: the environment always wins.
 */
import { type ConfigDocument, valueAt } from './config-file.ts';

export interface EnvBinding {
  readonly path: string;
  readonly variable: string;
}

export const ENV_BINDINGS: readonly EnvBinding[] = [
  { path: 'endpoints.kafkaBrokers', variable: 'KAFKA_BROKERS' },
  { path: 'endpoints.schemaRegistryUrl', variable: 'SCHEMA_REGISTRY_URL' },
  { path: 'endpoints.clickhouseUrl', variable: 'CLICKHOUSE_URL' },
  { path: 'switches.learning', variable: 'AMC_LEARNING_ENABLED' },
  { path: 'switches.tracker', variable: 'AMC_LEARNING_TRACKER_ENABLED' },
  { path: 'switches.alerts', variable: 'AMC_LEARNING_ALERTS_ENABLED' },
  { path: 'switches.monitor', variable: 'AMC_LEARNING_MONITOR_ENABLED' },
  { path: 'switches.dips', variable: 'AMC_LEARNING_DIPS_ENABLED' },
  { path: 'switches.coordinator', variable: 'AMC_LEARNING_COORDINATOR_ENABLED' },
  { path: 'switches.autoApply', variable: 'AMC_LEARNING_AUTO_APPLY' },
  { path: 'switches.sinks', variable: 'AMC_LEARNING_SINKS_ENABLED' },
  { path: 'switches.api', variable: 'AMC_LEARNING_API_ENABLED' },
  { path: 'job.applicationId', variable: 'AMC_APPLICATION_ID' },
  { path: 'job.topicPrefix', variable: 'AMC_TOPIC_PREFIX' },
  { path: 'job.partitions', variable: 'AMC_PARTITIONS' },
  { path: 'job.sessionTimeoutMs', variable: 'AMC_SESSION_TIMEOUT_MS' },
  { path: 'job.maxRecordsPerTransaction', variable: 'AMC_TRANSACTION_RECORDS' },
];

/** The file's values of bound settings, written as their variables would be. */
export function envFromDocument(document: ConfigDocument): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { path, variable } of ENV_BINDINGS) {
    const value = valueAt(document, path);
    if (value === undefined) continue;
    env[variable] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return env;
}
