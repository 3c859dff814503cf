import type { Kafka } from 'kafkajs';
import { type AlertsConfig, createAlertsConfig } from '../alerts/domain/index.ts';
import type { ProcessorDefinition } from '../runtime/types.ts';
import { createRuntimeCodec } from '../serde/runtime-codec.ts';
import type { Serde } from '../serde/serde.ts';
import { defined } from '../shared/defined.ts';
import { type ExchangeCalendar, NYSE_CALENDAR, type TrackerConfig } from '../tracker/domain/index.ts';
import { fanoutProcessor } from '../tracker/fanout.ts';
import type { TrackerTopics } from '../tracker/topics.ts';
import { trackerProcessor } from '../tracker/tracker-processor.ts';
import { runtimeSet } from './runtime-set.ts';
import { alertGateProcessors, bySymbolRepartition, trackerBindings } from './shared-processors.ts';

export interface TrackerAppOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topics: TrackerTopics;
  /** Prefix of application ids (consumer groups, transactional ids, changelogs). */
  readonly applicationPrefix: string;
  readonly partitions: number;
  readonly trackerConfig?: TrackerConfig;
  readonly calendar?: ExchangeCalendar;
  readonly barRetentionDays?: number;
  readonly restateForDays?: number;
  /** The tracker state's epoch times VERSIONS_PER_EPOCH (see identity-store.ts). */
  readonly outcomeVersionBase?: number;
  readonly alertsConfig?: AlertsConfig;
  readonly alertsEnabled: boolean;
  readonly maxRecordsPerTransaction?: number;
  readonly sessionTimeoutMs?: number;
}

/**
 * The recommendation tracker and the alerts stream as five exactly-once
 * processors: runs fan out to recommendations; bars, positions and
 * recommendations are re-keyed by symbol into one topic the tracker reads;
 * alert candidates and acknowledgements meet by alert type at the gate.
 */
export function trackerApp(options: TrackerAppOptions) {
  const { topics, applicationPrefix: prefix } = options;
  const calendar = options.calendar ?? NYSE_CALENDAR;
  const alertsConfig = createAlertsConfig({
    ...(options.alertsConfig ?? {}),
    enabled: options.alertsEnabled,
  });
  const definitions: ProcessorDefinition<unknown>[] = [
    fanoutProcessor({
      applicationId: `${prefix}-fanout`,
      discoveryRuns: topics.discoveryRuns,
      recommendations: topics.recommendations,
    }) as ProcessorDefinition<unknown>,
    bySymbolRepartition(topics, prefix, calendar),
    trackerProcessor({
      applicationId: `${prefix}-tracker`,
      input: topics.bySymbol,
      outcomes: topics.outcomes,
      alertCandidates: topics.alertsByType,
      calendar,
      ...defined({
        config: options.trackerConfig,
        barRetentionDays: options.barRetentionDays,
        restateForDays: options.restateForDays,
        versionBase: options.outcomeVersionBase,
      }),
    }) as ProcessorDefinition<unknown>,
    ...alertGateProcessors(topics, prefix, alertsConfig),
  ];
  return runtimeSet({
    kafka: options.kafka,
    serde: options.serde,
    codec: createRuntimeCodec(options.serde, trackerBindings(topics)),
    definitions,
    topics: Object.values(topics).map((name: string) => ({
      name,
      partitions: name === topics.deadLetters ? 1 : options.partitions,
    })),
    deadLetterTopic: topics.deadLetters,
    ...(options.maxRecordsPerTransaction
      ? { maxRecordsPerTransaction: options.maxRecordsPerTransaction }
      : {}),
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
  });
}
