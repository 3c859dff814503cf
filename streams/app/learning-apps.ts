import type { Kafka } from 'kafkajs';
import type { Settings } from '../../config/settings.ts';
import type { Serde } from '../serde/serde.ts';
import { agentsApp } from './agents-app.ts';
import { VERSIONS_PER_EPOCH } from './identity-store.ts';
import { agentTopicsFor, learningTopicsFor, trackerTopicsFor } from './job-config.ts';
import { learningApp } from './learning-app.ts';
import type { RuntimeSet } from './runtime-set.ts';
import { trackerApp } from './tracker-app.ts';

export interface LearningAppsOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly settings: Settings;
  /** Each stateful processor's epoch (settleIdentities). */
  readonly epochs: ReadonlyMap<string, number>;
}

/**
 * The parts of the job the switches turn on, each its own set of processors:
 * the tracker (with the by-symbol step and the alert gate it has always run),
 * the agents (monitor, dip validator), which run those shared processors
 * themselves only when the tracker is off, and the learning coordinator,
 * which runs the alert gate only when none of the others does.
 */
export function learningApps({ kafka, serde, settings, epochs }: LearningAppsOptions): RuntimeSet[] {
  const { switches, job } = settings;
  const versionBase = (processor: string) =>
    (epochs.get(`${job.applicationId}-${processor}`) ?? 0) * VERSIONS_PER_EPOCH;
  const common = {
    kafka,
    serde,
    applicationPrefix: job.applicationId,
    partitions: job.partitions,
    calendar: settings.calendar,
    alertsConfig: settings.alerts,
    alertsEnabled: switches.alerts,
    sessionTimeoutMs: job.sessionTimeoutMs,
    maxRecordsPerTransaction: job.maxRecordsPerTransaction,
  };
  const apps: RuntimeSet[] = [];
  if (switches.tracker) {
    apps.push(
      trackerApp({
        ...common,
        topics: trackerTopicsFor(job),
        trackerConfig: settings.tracker,
        barRetentionDays: settings.trackerRetention.barRetentionDays,
        restateForDays: settings.trackerRetention.restateForDays,
        outcomeVersionBase: versionBase('tracker'),
      }),
    );
  }
  if (switches.monitor || switches.dips) {
    apps.push(
      agentsApp({
        ...common,
        topics: agentTopicsFor(job),
        monitor: switches.monitor,
        dips: switches.dips,
        monitorConfig: settings.monitor,
        dipsConfig: settings.dips,
        analysisVersionBase: versionBase('dips'),
        shared: { bySymbol: !switches.tracker, alertGate: !switches.tracker },
      }),
    );
  }
  if (switches.coordinator) {
    apps.push(
      learningApp({
        ...common,
        topics: learningTopicsFor(job),
        config: settings.learning,
        agents: { tracker: switches.tracker, monitor: switches.monitor, dipValidator: switches.dips },
        exchangeTimeZone: settings.calendar.timeZone,
        // Its alerts need the gate; the tracker runs it, or the agents when the tracker is off.
        ...(switches.tracker || switches.monitor || switches.dips
          ? {}
          : { alertGate: { topics: trackerTopicsFor(job), config: settings.alerts } }),
      }),
    );
  }
  return apps;
}
