import { TOPICS } from '../../schemas/topics.ts';
import { DEFAULT_TRACKER_TOPICS, type TrackerTopics } from '../tracker/topics.ts';

/** The tracker's topics (the agents share its inputs, by-symbol topic and alerts) plus the agents' own. */
export interface AgentTopics extends TrackerTopics {
  readonly pipelineHealth: string;
  readonly dipAnalyses: string;
  /** Internal: discovery runs re-keyed to one key, so the monitor's one partition sees them all. */
  readonly monitorRuns: string;
}

export const DEFAULT_AGENT_TOPICS: AgentTopics = Object.freeze({
  ...DEFAULT_TRACKER_TOPICS,
  pipelineHealth: TOPICS.pipelineHealth.name,
  dipAnalyses: TOPICS.dipAnalyses.name,
  monitorRuns: 'amc-learning-monitor-runs-repartition',
});

/** Every topic name with the environment's prefix in front. */
export function prefixTopics<T extends object>(topics: T, prefix: string): T {
  const entries = Object.entries(topics).map(([key, name]) => [key, `${prefix}${name as string}`]);
  return Object.freeze(Object.fromEntries(entries)) as T;
}
