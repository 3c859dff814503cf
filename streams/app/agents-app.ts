import type { Kafka } from 'kafkajs';
import { TOPICS } from '../../schemas/topics.ts';
import type { DiscoveryRun } from '../../schemas/types.generated.ts';
import { type AlertsConfig, createAlertsConfig } from '../alerts/domain/index.ts';
import { dipProcessor } from '../dips/dip-processor.ts';
import type { DipsConfig } from '../dips/domain/index.ts';
import type { MonitorConfig } from '../monitor/domain/index.ts';
import { MONITOR_RUNS_KEY, monitorProcessor } from '../monitor/monitor-processor.ts';
import { fieldEventTime } from '../runtime/json-codec.ts';
import { repartitionProcessor } from '../runtime/repartition.ts';
import type { ProcessorDefinition } from '../runtime/types.ts';
import { createRuntimeCodec } from '../serde/runtime-codec.ts';
import type { Serde } from '../serde/serde.ts';
import { defined } from '../shared/defined.ts';
import type { ExchangeCalendar } from '../tracker/domain/index.ts';
import type { AgentTopics } from './agent-topics.ts';
import { runtimeSet } from './runtime-set.ts';
import { alertGateProcessors, bySymbolRepartition, trackerBindings } from './shared-processors.ts';

export interface AgentsAppOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topics: AgentTopics;
  /** Prefix of application ids (consumer groups, transactional ids, changelogs). */
  readonly applicationPrefix: string;
  readonly partitions: number;
  /** AMC_LEARNING_MONITOR_ENABLED */
  readonly monitor: boolean;
  /** AMC_LEARNING_DIPS_ENABLED */
  readonly dips: boolean;
  /**
   * The shared processors, for when the tracker's composition (which runs
   * them) is switched off: the by-symbol step the dip validator reads, and the
   * alert gate the agents' candidates go to.
   */
  readonly shared: { readonly bySymbol: boolean; readonly alertGate: boolean };
  readonly monitorConfig?: MonitorConfig;
  readonly dipsConfig?: DipsConfig;
  readonly calendar?: ExchangeCalendar;
  /** The dip validator state's epoch times VERSIONS_PER_EPOCH (see identity-store.ts). */
  readonly analysisVersionBase?: number;
  readonly alertsConfig?: AlertsConfig;
  readonly alertsEnabled: boolean;
  readonly maxRecordsPerTransaction?: number;
  readonly sessionTimeoutMs?: number;
}

function monitorProcessors(
  options: AgentsAppOptions,
  alertsConfig: AlertsConfig,
): ProcessorDefinition<unknown>[] {
  const { topics, applicationPrefix: prefix } = options;
  return [
    // One constant key: the baseline is global across runs, and runs are keyed by run_id upstream.
    repartitionProcessor<DiscoveryRun, DiscoveryRun>({
      applicationId: `${prefix}-monitor-runs`,
      inputTopics: [topics.discoveryRuns],
      outputTopic: topics.monitorRuns,
      keyOf: () => MONITOR_RUNS_KEY,
      wrap: (r) => r.value,
    }) as ProcessorDefinition<unknown>,
    monitorProcessor({
      applicationId: `${prefix}-monitor`,
      input: topics.monitorRuns,
      health: topics.pipelineHealth,
      alertCandidates: topics.alertsByType,
      alertsConfig,
      ...defined({ config: options.monitorConfig }),
    }) as ProcessorDefinition<unknown>,
  ];
}

/**
 * The discovery monitor and the buy-the-dip validator, each behind its own
 * switch, as exactly-once processors:
 * - monitor: runs → `<app>-monitor-runs` (re-keyed to one key) → `<app>-monitor` → pipeline health, alert candidates
 * - dips: by-symbol topic → `<app>-dips` → dip analyses, alert candidates
 */
export function agentsApp(options: AgentsAppOptions) {
  const { topics, applicationPrefix: prefix } = options;
  const alertsConfig = createAlertsConfig({
    ...(options.alertsConfig ?? {}),
    enabled: options.alertsEnabled,
  });
  const definitions: ProcessorDefinition<unknown>[] = [];
  if (options.dips && options.shared.bySymbol) {
    definitions.push(bySymbolRepartition(topics, prefix, options.calendar));
  }
  if (options.monitor) definitions.push(...monitorProcessors(options, alertsConfig));
  if (options.dips) {
    definitions.push(
      dipProcessor({
        applicationId: `${prefix}-dips`,
        input: topics.bySymbol,
        analyses: topics.dipAnalyses,
        alertCandidates: topics.alertsByType,
        alertsConfig,
        ...defined({
          config: options.dipsConfig,
          calendar: options.calendar,
          versionBase: options.analysisVersionBase,
        }),
      }) as ProcessorDefinition<unknown>,
    );
  }
  if ((options.monitor || options.dips) && options.shared.alertGate) {
    definitions.push(...alertGateProcessors(topics, prefix, alertsConfig));
  }
  const shared = trackerBindings(topics);
  const codec = createRuntimeCodec(options.serde, {
    avro: new Map([
      ...shared.avro,
      [topics.pipelineHealth, TOPICS.pipelineHealth.name],
      [topics.dipAnalyses, TOPICS.dipAnalyses.name],
    ]),
    json: new Map([...shared.json, [topics.monitorRuns, fieldEventTime('finished_at')]]),
  });
  return runtimeSet({
    kafka: options.kafka,
    serde: options.serde,
    codec,
    definitions,
    topics: Object.values(topics).map((name: string) => ({
      name,
      // The monitor's runs share one key: one partition is all that topic can use.
      partitions: name === topics.deadLetters || name === topics.monitorRuns ? 1 : options.partitions,
    })),
    deadLetterTopic: topics.deadLetters,
    ...(options.maxRecordsPerTransaction
      ? { maxRecordsPerTransaction: options.maxRecordsPerTransaction }
      : {}),
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
  });
}
