// The topic catalogue: every topic of the project, the schema of its values,
// what its record key is and which registry subject holds its schema.
// Record keys are plain UTF-8 strings, never Avro: they are built from the
// value's own fields (keyFields joined with ':'), so that one key's history
// stays in one partition.

export type TopicRole = 'input' | 'output';
export type CleanupPolicy = 'delete' | 'compact';

export interface TopicSpec {
  readonly name: string;
  readonly schemaFile: string;
  /** Full name of the Avro record of the topic's values. */
  readonly recordName: string;
  readonly role: TopicRole;
  readonly cleanupPolicy: CleanupPolicy;
  /** Fields of the value whose values, joined with ':', make the record key. */
  readonly keyFields: readonly string[];
  readonly keyDescription: string;
}

export const TOPICS = {
  discoveryRuns: {
    name: 'amc.discovery.runs.v1',
    schemaFile: 'discovery-run.avsc',
    recordName: 'amc.learning.DiscoveryRun',
    role: 'input',
    cleanupPolicy: 'delete',
    keyFields: ['run_id'],
    keyDescription: 'run_id',
  },
  marketBars: {
    name: 'amc.market.bars.v1',
    schemaFile: 'market-bar.avsc',
    recordName: 'amc.learning.MarketBar',
    role: 'input',
    cleanupPolicy: 'delete',
    keyFields: ['symbol'],
    keyDescription: 'symbol',
  },
  positions: {
    name: 'amc.portfolio.positions.v1',
    schemaFile: 'position-snapshot.avsc',
    recordName: 'amc.learning.PositionSnapshot',
    role: 'input',
    cleanupPolicy: 'delete',
    keyFields: ['symbol'],
    keyDescription: 'symbol',
  },
  recommendations: {
    name: 'amc.learning.recommendations.v1',
    schemaFile: 'recommendation.avsc',
    recordName: 'amc.learning.Recommendation',
    role: 'output',
    cleanupPolicy: 'delete',
    keyFields: ['symbol'],
    keyDescription: 'symbol',
  },
  recommendationOutcomes: {
    name: 'amc.learning.recommendation-outcomes.v1',
    schemaFile: 'recommendation-outcome.avsc',
    recordName: 'amc.learning.RecommendationOutcome',
    role: 'output',
    cleanupPolicy: 'delete',
    keyFields: ['tracking_id'],
    keyDescription: 'tracking_id (<run_id>:<symbol>)',
  },
  pipelineHealth: {
    name: 'amc.learning.pipeline-health.v1',
    schemaFile: 'pipeline-health.avsc',
    recordName: 'amc.learning.PipelineHealth',
    role: 'output',
    cleanupPolicy: 'delete',
    keyFields: ['run_id'],
    keyDescription: 'run_id',
  },
  dipAnalyses: {
    name: 'amc.learning.dip-analyses.v1',
    schemaFile: 'dip-analysis.avsc',
    recordName: 'amc.learning.DipAnalysis',
    role: 'output',
    cleanupPolicy: 'delete',
    keyFields: ['symbol'],
    keyDescription: 'symbol',
  },
  cycles: {
    name: 'amc.learning.cycles.v1',
    schemaFile: 'learning-cycle.avsc',
    recordName: 'amc.learning.LearningCycle',
    role: 'output',
    cleanupPolicy: 'delete',
    keyFields: ['cycle_id'],
    keyDescription: 'cycle_id',
  },
  parameters: {
    name: 'amc.learning.parameters.v1',
    schemaFile: 'parameter-value.avsc',
    recordName: 'amc.learning.ParameterValue',
    role: 'output',
    cleanupPolicy: 'compact',
    keyFields: ['name'],
    keyDescription: 'parameter name',
  },
  alerts: {
    name: 'amc.learning.alerts.v1',
    schemaFile: 'alert.avsc',
    recordName: 'amc.learning.Alert',
    role: 'output',
    cleanupPolicy: 'delete',
    keyFields: ['dedup_key'],
    keyDescription: 'alert dedup key',
  },
  alertAcks: {
    name: 'amc.learning.alert-acks.v1',
    schemaFile: 'alert-ack.avsc',
    recordName: 'amc.learning.AlertAck',
    role: 'input',
    cleanupPolicy: 'delete',
    keyFields: ['dedup_key'],
    keyDescription: 'alert dedup key (same partition as the alert)',
  },
  deadLetters: {
    name: 'amc.learning.dead-letters.v1',
    schemaFile: 'dead-letter.avsc',
    recordName: 'amc.learning.DeadLetter',
    role: 'output',
    cleanupPolicy: 'delete',
    keyFields: ['source_topic', 'source_partition', 'source_offset'],
    keyDescription: '<source_topic>:<source_partition>:<source_offset>',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicId = keyof typeof TOPICS;
export type TopicName = (typeof TOPICS)[TopicId]['name'];

export const TOPIC_NAMES: readonly TopicName[] = Object.values(TOPICS).map((spec) => spec.name);

const specsByName = new Map<string, TopicSpec>(Object.values(TOPICS).map((spec) => [spec.name, spec]));

export function isTopicName(name: string): name is TopicName {
  return specsByName.has(name);
}

export function topicSpec(name: TopicName): TopicSpec {
  const spec = specsByName.get(name);
  if (spec === undefined) throw new Error(`unknown topic ${name}; known: ${TOPIC_NAMES.join(', ')}`);
  return spec;
}

/** Registry subject of a topic's values (TopicNameStrategy). */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

/** The record key of a value on its topic: its key fields as text, joined with ':'. */
export function keyOf(topic: TopicName, value: object): string {
  const fields = value as Record<string, unknown>;
  return topicSpec(topic)
    .keyFields.map((field) => String(fields[field]))
    .join(':');
}
