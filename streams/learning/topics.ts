import { TOPICS } from '../../schemas/topics.ts';
import { DEFAULT_TRACKER_TOPICS } from '../tracker/topics.ts';

/** Every topic the learning coordinator touches; tests pass their own names. */
export interface LearningTopics {
  readonly recommendations: string;
  readonly outcomes: string;
  readonly discoveryRuns: string;
  readonly pipelineHealth: string;
  readonly dipAnalyses: string;
  readonly alerts: string;
  readonly cycles: string;
  /** Compacted on the parameter name: the values in force. */
  readonly parameters: string;
  readonly deadLetters: string;
  /** Internal, JSON: operators' commands (run a cycle, approve, roll back), one partition so they keep their order. */
  readonly commands: string;
  /** Internal, JSON: every input re-keyed to one key, so the coordinator sees them all in one partition. */
  readonly coordinatorInputs: string;
  /** Internal, shared with the tracker: alert candidates on their way to the gate. */
  readonly alertsByType: string;
}

export const DEFAULT_LEARNING_TOPICS: LearningTopics = Object.freeze({
  recommendations: TOPICS.recommendations.name,
  outcomes: TOPICS.recommendationOutcomes.name,
  discoveryRuns: TOPICS.discoveryRuns.name,
  pipelineHealth: TOPICS.pipelineHealth.name,
  dipAnalyses: TOPICS.dipAnalyses.name,
  alerts: TOPICS.alerts.name,
  cycles: TOPICS.cycles.name,
  parameters: TOPICS.parameters.name,
  deadLetters: TOPICS.deadLetters.name,
  commands: 'amc-learning-coordinator-commands',
  coordinatorInputs: 'amc-learning-coordinator-repartition',
  alertsByType: DEFAULT_TRACKER_TOPICS.alertsByType,
});
