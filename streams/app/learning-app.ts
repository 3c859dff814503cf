import type { Kafka } from 'kafkajs';
import { TOPICS } from '../../schemas/topics.ts';
import type { AlertsConfig } from '../alerts/domain/index.ts';
import { type AlertEnvelope, alertEnvelopeEventTime } from '../alerts/gate-processor.ts';
import { coordinatorProcessor } from '../learning/coordinator-processor.ts';
import type { AgentsEnabled, LearningConfig } from '../learning/domain/index.ts';
import { COORDINATOR_KEY, type CoordinatorEnvelope, coordinatorEventTime } from '../learning/envelope.ts';
import { envelopeOf, type InputKind } from '../learning/mapping.ts';
import type { LearningTopics } from '../learning/topics.ts';
import { fieldEventTime } from '../runtime/json-codec.ts';
import { repartitionProcessor } from '../runtime/repartition.ts';
import type { Codec, ProcessorDefinition } from '../runtime/types.ts';
import { createRuntimeCodec } from '../serde/runtime-codec.ts';
import type { Serde } from '../serde/serde.ts';
import { NYSE_TIME_ZONE } from '../tracker/domain/index.ts';
import type { TrackerTopics } from '../tracker/topics.ts';
import { runtimeSet } from './runtime-set.ts';
import { alertGateProcessors } from './shared-processors.ts';

export interface LearningAppOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topics: LearningTopics;
  /** Prefix of application ids (consumer groups, transactional ids, changelogs). */
  readonly applicationPrefix: string;
  readonly partitions: number;
  readonly config: LearningConfig;
  readonly agents: AgentsEnabled;
  /** Time zone of the exchange's session dates (the tracker's calendar): when day-30 sessions end. */
  readonly exchangeTimeZone?: string;
  /** Runs the alert gate too, for when no other part of the job does. */
  readonly alertGate?: { readonly topics: TrackerTopics; readonly config: AlertsConfig };
  readonly maxRecordsPerTransaction?: number;
  readonly sessionTimeoutMs?: number;
}

/**
 * The learning coordinator as two exactly-once processors: a router re-keys
 * every input (recommendations, outcomes, runs, pipeline health, dip
 * analyses, alerts, commands) to one key on an internal one-partition topic,
 * and the coordinator reads it. Its alert candidates go to the gate of the
 * alerts stream, which this set runs too when asked (no other part does).
 */
export function learningApp(options: LearningAppOptions) {
  const { topics, applicationPrefix: prefix, alertGate: gate } = options;
  const exchangeTimeZone = options.exchangeTimeZone ?? NYSE_TIME_ZONE;
  const codec = createRuntimeCodec(options.serde, {
    avro: new Map([
      [topics.recommendations, TOPICS.recommendations.name],
      [topics.outcomes, TOPICS.recommendationOutcomes.name],
      [topics.discoveryRuns, TOPICS.discoveryRuns.name],
      [topics.pipelineHealth, TOPICS.pipelineHealth.name],
      [topics.dipAnalyses, TOPICS.dipAnalyses.name],
      [topics.alerts, TOPICS.alerts.name],
      [topics.cycles, TOPICS.cycles.name],
      [topics.parameters, TOPICS.parameters.name],
      [topics.deadLetters, TOPICS.deadLetters.name],
      ...(gate ? ([[gate.topics.alertAcks, TOPICS.alertAcks.name]] as const) : []),
    ]),
    json: new Map([
      [topics.commands, fieldEventTime('requested_at')],
      [topics.coordinatorInputs, coordinatorEventTime],
      [topics.alertsByType, (value) => alertEnvelopeEventTime(value as AlertEnvelope)],
    ]),
  });
  const kinds = new Map<string, InputKind>([
    [topics.recommendations, 'recommendation'],
    [topics.outcomes, 'outcome'],
    [topics.discoveryRuns, 'run'],
    [topics.pipelineHealth, 'health'],
    [topics.dipAnalyses, 'dip'],
    [topics.alerts, 'alert'],
    [topics.commands, 'command'],
  ]);
  const definitions: ProcessorDefinition<unknown>[] = [
    repartitionProcessor<unknown, CoordinatorEnvelope>({
      applicationId: `${prefix}-coordinator-router`,
      inputTopics: [...kinds.keys()],
      outputTopic: topics.coordinatorInputs,
      keyOf: () => COORDINATOR_KEY,
      wrap: (r) => envelopeOf(kinds.get(r.topic)!, r.value, r.timestamp, exchangeTimeZone),
    }),
    coordinatorProcessor({
      applicationId: `${prefix}-coordinator`,
      input: topics.coordinatorInputs,
      cycles: topics.cycles,
      parameters: topics.parameters,
      alertCandidates: topics.alertsByType,
      config: options.config,
      agents: options.agents,
    }) as ProcessorDefinition<unknown>,
    ...(gate ? alertGateProcessors(gate.topics, prefix, gate.config) : []),
  ];
  // One partition where order or a single owner matters; the product topics as the job sizes them.
  const single = new Set([topics.deadLetters, topics.commands, topics.coordinatorInputs]);
  return runtimeSet({
    kafka: options.kafka,
    serde: options.serde,
    codec: codec as Codec<unknown>,
    definitions,
    topics: [...(Object.values(topics) as string[]), ...(gate ? [gate.topics.alertAcks] : [])].map(
      (name) => ({
        name,
        partitions: single.has(name) ? 1 : options.partitions,
        compact: name === topics.parameters,
      }),
    ),
    deadLetterTopic: topics.deadLetters,
    ...(options.maxRecordsPerTransaction
      ? { maxRecordsPerTransaction: options.maxRecordsPerTransaction }
      : {}),
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
  });
}
