import type { Kafka } from 'kafkajs';
import { TOPICS } from '../../schemas/topics.ts';
import { type AlertsConfig, createAlertsConfig } from '../alerts/domain/index.ts';
import { type AlertEnvelope, alertEnvelopeEventTime, alertGateProcessor } from '../alerts/gate-processor.ts';
import { repartitionProcessor } from '../runtime/repartition.ts';
import type { Codec, ProcessorDefinition } from '../runtime/types.ts';
import { createRuntimeCodec } from '../serde/runtime-codec.ts';
import type { Serde } from '../serde/serde.ts';
import { defined } from '../shared/defined.ts';
import { type ExchangeCalendar, NYSE_CALENDAR, type TrackerConfig } from '../tracker/domain/index.ts';
import { envelopeEventTime, envelopeOf, type SymbolEnvelope, symbolOf } from '../tracker/envelope.ts';
import { fanoutProcessor } from '../tracker/fanout.ts';
import type { TrackerTopics } from '../tracker/topics.ts';
import { alertRouteKey, trackerProcessor } from '../tracker/tracker-processor.ts';
import { composeApp } from './compose.ts';

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
  const codec = createRuntimeCodec(options.serde, {
    avro: new Map([
      [topics.discoveryRuns, TOPICS.discoveryRuns.name],
      [topics.bars, TOPICS.marketBars.name],
      [topics.positions, TOPICS.positions.name],
      [topics.recommendations, TOPICS.recommendations.name],
      [topics.outcomes, TOPICS.recommendationOutcomes.name],
      [topics.alerts, TOPICS.alerts.name],
      [topics.alertAcks, TOPICS.alertAcks.name],
      [topics.deadLetters, TOPICS.deadLetters.name],
    ]),
    json: new Map([
      [topics.bySymbol, (value) => envelopeEventTime(value as SymbolEnvelope)],
      [topics.alertsByType, (value) => alertEnvelopeEventTime(value as AlertEnvelope)],
    ]),
  });
  const kinds = new Map<string, SymbolEnvelope['kind']>([
    [topics.bars, 'bar'],
    [topics.positions, 'position'],
    [topics.recommendations, 'recommendation'],
  ]);
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
    repartitionProcessor<unknown, SymbolEnvelope>({
      applicationId: `${prefix}-by-symbol`,
      inputTopics: [topics.bars, topics.positions, topics.recommendations],
      outputTopic: topics.bySymbol,
      wrap: (r) => envelopeOf(kinds.get(r.topic)!, r.value),
      keyOf: (r) => symbolOf(envelopeOf(kinds.get(r.topic)!, r.value)),
      // Once per exchange date, so a partition holding only a halted symbol still moves.
      timeMarks: { bucketOf: (eventTime) => calendar.sessionDateOf(eventTime) },
    }),
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
    repartitionProcessor<{ dedup_key: string }, AlertEnvelope>({
      applicationId: `${prefix}-ack-router`,
      inputTopics: [topics.alertAcks],
      outputTopic: topics.alertsByType,
      wrap: (r) => ({ kind: 'ack', ack: r.value as never }),
      keyOf: (r) => alertRouteKey(r.value.dedup_key),
    }) as ProcessorDefinition<unknown>,
    alertGateProcessor({
      applicationId: `${prefix}-alert-gate`,
      input: topics.alertsByType,
      alerts: topics.alerts,
      config: alertsConfig,
    }) as ProcessorDefinition<unknown>,
  ];
  return composeApp({
    kafka: options.kafka,
    serde: options.serde,
    codec: codec as Codec<unknown>,
    definitions,
    topics: (Object.values(topics) as string[]).map((name) => ({
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
