// When each record happened, read from the record itself: one declared
// extractor per topic of the catalogue (Kafka Streams' TimestampExtractor).
// The Kafka record timestamp is never trusted for event time: most producers
// stamp the wall clock, and a backfill published today must give the answer
// the live feed gave. The project's own producers stamp each record's Kafka
// timestamp from the same extractor, so the two agree wherever we write.
import type { TopicName } from './topics.ts';
import type { TopicRecords } from './types.generated.ts';

type Extractors = { readonly [T in TopicName]: (record: TopicRecords[T]) => number };

export const EVENT_TIME: Extractors = {
  'amc.discovery.runs.v1': (run) => run.finished_at,
  'amc.market.bars.v1': (bar) => bar.timestamp,
  'amc.portfolio.positions.v1': (position) => position.as_of,
  'amc.learning.recommendations.v1': (recommendation) => recommendation.discovered_at,
  'amc.learning.recommendation-outcomes.v1': (outcome) => outcome.as_of,
  'amc.learning.pipeline-health.v1': (health) => health.finished_at,
  'amc.learning.dip-analyses.v1': (analysis) => analysis.analyzed_at,
  'amc.learning.cycles.v1': (cycle) => cycle.started_at,
  'amc.learning.parameters.v1': (parameter) => parameter.applied_at,
  // An alert is re-emitted when it recurs or is acknowledged: the latest of those.
  'amc.learning.alerts.v1': (alert) =>
    Math.max(alert.last_seen_at, alert.acknowledged_at ?? alert.last_seen_at),
  'amc.learning.alert-acks.v1': (ack) => ack.acknowledged_at,
  'amc.learning.dead-letters.v1': (letter) => letter.failed_at,
};

/** The event time (epoch ms) of a record of a project topic. */
export function eventTimeOf<T extends TopicName>(topic: T, record: TopicRecords[T]): number {
  return (EVENT_TIME[topic] as (record: TopicRecords[T]) => number)(record);
}

/** No market record of this system predates this instant (1990-01-01T00:00:00Z). */
export const EARLIEST_EVENT_TIME = Date.UTC(1990, 0, 1);
