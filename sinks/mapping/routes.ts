/**
 * Which tables each topic's records land in, and the event time of a record
 * (a field of the payload, never the Kafka timestamp), which a dead letter of
 * the sink carries as `failed_at`.
 */
import type { TopicName } from '../../schemas/topics.ts';
import type { TopicRecords } from '../../schemas/types.generated.ts';
import { TABLES, type TableName } from '../schema/names.ts';
import type { Row } from '../writer/contract.ts';
import { ackRow, alertRow } from './alert-rows.ts';
import type { RowSource } from './columns.ts';
import { cycleRow } from './cycle-rows.ts';
import { deadLetterRow } from './dead-letter-rows.ts';
import { dipRow } from './dip-rows.ts';
import { candidateRows, runRow } from './discovery-rows.ts';
import { healthRow } from './health-rows.ts';
import { outcomeRow } from './outcome-rows.ts';
import { parameterRow } from './parameter-rows.ts';

export interface TableRow {
  readonly table: TableName;
  readonly row: Row;
}

interface Route<T extends TopicName> {
  readonly rows: (record: TopicRecords[T], source: RowSource) => TableRow[];
  readonly eventTime: (record: TopicRecords[T]) => number;
}

const into =
  (table: TableName) =>
  (row: Row): TableRow => ({ table, row });

export const SINK_ROUTES = {
  'amc.learning.recommendation-outcomes.v1': {
    rows: (outcome, source) => [into(TABLES.recommendationTracking)(outcomeRow(outcome, source))],
    eventTime: (outcome) => outcome.as_of,
  },
  'amc.discovery.runs.v1': {
    rows: (run, source) => [
      into(TABLES.discoveryRuns)(runRow(run, source)),
      ...candidateRows(run, source).map(into(TABLES.discoveryCandidates)),
    ],
    eventTime: (run) => run.finished_at,
  },
  'amc.learning.pipeline-health.v1': {
    rows: (health, source) => [into(TABLES.pipelineHealthLog)(healthRow(health, source))],
    eventTime: (health) => health.finished_at,
  },
  'amc.learning.dip-analyses.v1': {
    rows: (analysis, source) => [into(TABLES.dipAnalysisLog)(dipRow(analysis, source))],
    eventTime: (analysis) => analysis.analyzed_at,
  },
  'amc.learning.cycles.v1': {
    rows: (cycle, source) => [into(TABLES.learningCycles)(cycleRow(cycle, source))],
    eventTime: (cycle) => cycle.completed_at ?? cycle.started_at,
  },
  'amc.learning.parameters.v1': {
    rows: (parameter, source) => [into(TABLES.parameterChanges)(parameterRow(parameter, source))],
    eventTime: (parameter) => parameter.applied_at,
  },
  'amc.learning.alerts.v1': {
    rows: (alert, source) => [into(TABLES.alerts)(alertRow(alert, source))],
    eventTime: (alert) => alert.last_seen_at,
  },
  'amc.learning.alert-acks.v1': {
    rows: (ack, source) => [into(TABLES.alertAcks)(ackRow(ack, source))],
    eventTime: (ack) => ack.acknowledged_at,
  },
  'amc.learning.dead-letters.v1': {
    rows: (letter, source) => [into(TABLES.deadLetters)(deadLetterRow(letter, source))],
    eventTime: (letter) => letter.failed_at,
  },
} as const satisfies { readonly [T in SinkContract]: Route<T> };

/** The contracts (topics) the sink stores. */
export type SinkContract =
  | 'amc.learning.recommendation-outcomes.v1'
  | 'amc.discovery.runs.v1'
  | 'amc.learning.pipeline-health.v1'
  | 'amc.learning.dip-analyses.v1'
  | 'amc.learning.cycles.v1'
  | 'amc.learning.parameters.v1'
  | 'amc.learning.alerts.v1'
  | 'amc.learning.alert-acks.v1'
  | 'amc.learning.dead-letters.v1';

export const SINK_CONTRACTS = Object.keys(SINK_ROUTES) as SinkContract[];

/** The rows of one decoded record of a contract (throws MappingError when it cannot be stored). */
export function rowsOf<T extends SinkContract>(
  contract: T,
  record: TopicRecords[T],
  source: RowSource,
): TableRow[] {
  return (SINK_ROUTES[contract] as unknown as Route<T>).rows(record, source);
}

export function eventTimeOf<T extends SinkContract>(contract: T, record: TopicRecords[T]): number {
  return (SINK_ROUTES[contract] as unknown as Route<T>).eventTime(record);
}
