import { TOPICS } from '../../schemas/topics.ts';

/** Every topic the tracker and the alerts stream touch; tests pass their own names. */
export interface TrackerTopics {
  readonly discoveryRuns: string;
  readonly bars: string;
  readonly positions: string;
  readonly recommendations: string;
  readonly outcomes: string;
  readonly alerts: string;
  readonly alertAcks: string;
  readonly deadLetters: string;
  /** Internal: bars, positions and recommendations re-keyed by symbol. */
  readonly bySymbol: string;
  /** Internal: alert candidates and acknowledgements keyed by alert type. */
  readonly alertsByType: string;
}

export const DEFAULT_TRACKER_TOPICS: TrackerTopics = Object.freeze({
  discoveryRuns: TOPICS.discoveryRuns.name,
  bars: TOPICS.marketBars.name,
  positions: TOPICS.positions.name,
  recommendations: TOPICS.recommendations.name,
  outcomes: TOPICS.recommendationOutcomes.name,
  alerts: TOPICS.alerts.name,
  alertAcks: TOPICS.alertAcks.name,
  deadLetters: TOPICS.deadLetters.name,
  bySymbol: 'amc-learning-tracker-by-symbol-repartition',
  alertsByType: 'amc-learning-alerts-by-type-repartition',
});
