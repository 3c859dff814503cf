import { TOPICS } from '../../schemas/topics.ts';
import { alertRouteKey } from '../alerts/candidate-route.ts';
import type { AlertsConfig } from '../alerts/domain/index.ts';
import { type AlertEnvelope, alertEnvelopeEventTime, alertGateProcessor } from '../alerts/gate-processor.ts';
import { repartitionProcessor } from '../runtime/repartition.ts';
import type { ProcessorDefinition } from '../runtime/types.ts';
import type { TopicBindings } from '../serde/runtime-codec.ts';
import { type ExchangeCalendar, NYSE_CALENDAR } from '../tracker/domain/index.ts';
import { envelopeEventTime, envelopeOf, type SymbolEnvelope, symbolOf } from '../tracker/envelope.ts';
import type { TrackerTopics } from '../tracker/topics.ts';

/**
 * Processors more than one part of the job reads from: the by-symbol topic
 * (the tracker and the dip validator) and the alert gate (every agent that
 * raises alerts). Their application ids are fixed, so whichever composition
 * runs them continues the same consumer groups and state.
 */

/** Bars, positions and recommendations re-keyed by symbol into one topic. */
export function bySymbolRepartition(
  topics: TrackerTopics,
  prefix: string,
  calendar: ExchangeCalendar = NYSE_CALENDAR,
): ProcessorDefinition<unknown> {
  const kinds = new Map<string, SymbolEnvelope['kind']>([
    [topics.bars, 'bar'],
    [topics.positions, 'position'],
    [topics.recommendations, 'recommendation'],
  ]);
  return repartitionProcessor<unknown, SymbolEnvelope>({
    applicationId: `${prefix}-by-symbol`,
    inputTopics: [topics.bars, topics.positions, topics.recommendations],
    outputTopic: topics.bySymbol,
    wrap: (r) => envelopeOf(kinds.get(r.topic)!, r.value),
    keyOf: (r) => symbolOf(envelopeOf(kinds.get(r.topic)!, r.value)),
    // Once per exchange date, so a partition holding only a halted symbol still moves.
    timeMarks: { bucketOf: (eventTime) => calendar.sessionDateOf(eventTime) },
  }) as ProcessorDefinition<unknown>;
}

/** Acknowledgements routed by alert type to meet the candidates, and the gate that judges both. */
export function alertGateProcessors(
  topics: TrackerTopics,
  prefix: string,
  config: AlertsConfig,
): ProcessorDefinition<unknown>[] {
  return [
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
      config,
    }) as ProcessorDefinition<unknown>,
  ];
}

/** How the tracker's and the alerts stream's topics are encoded, and where their event time is. */
export function trackerBindings(topics: TrackerTopics): TopicBindings {
  return {
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
  };
}
