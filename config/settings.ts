/**
 * The configuration in force: defaults (DESIGN.md's values), overlaid by the
 * operator's file (AMC_CONFIG, optional), overlaid by environment variables
 * for endpoints, switches, job, sink and API settings. Built once at start,
 * every value checked (the schema for shape, each domain for its own rules),
 * then frozen. Each leaf remembers where it came from, for `--print-config`.
 */
import { type ApiConfig, apiConfigFromEnv } from '../api/config.ts';
import { type SinkConfig, sinkConfigFromEnv } from '../sinks/config.ts';
import { type AlertsConfig, AlertsConfigError, createAlertsConfig } from '../streams/alerts/domain/index.ts';
import { type JobConfig, loadJobConfig } from '../streams/app/job-config.ts';
import { createDipsConfig, type DipsConfig, DipsConfigError } from '../streams/dips/domain/index.ts';
import {
  createLearningConfig,
  type LearningConfig,
  LearningConfigError,
} from '../streams/learning/domain/index.ts';
import {
  createMonitorConfig,
  type MonitorConfig,
  MonitorConfigError,
} from '../streams/monitor/domain/index.ts';
import { deepFreeze } from '../streams/shared/deep-freeze.ts';
import {
  createExchangeCalendar,
  createTrackerConfig,
  DEFAULT_TRACKER_CONFIG,
  type ExchangeCalendar,
  NYSE_TIME_ZONE,
  type TrackerConfig,
  TrackerConfigError,
} from '../streams/tracker/domain/index.ts';
import { type ConfigDocument, readConfigFile, valueAt } from './config-file.ts';
import { type EffectiveSetting, effectiveSettings } from './effective.ts';
import { ConfigError, type Endpoints, loadEndpoints } from './endpoints.ts';
import { boundEnvironment, fromBoundEnvironment } from './env-bindings.ts';
import { loadSwitches, type Switches } from './switches.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface CalendarSettings {
  readonly timeZone: string;
  readonly holidays: 'nyse' | readonly string[];
  readonly extraClosures: readonly string[];
}

export interface TrackerRetention {
  readonly barRetentionDays: number;
  readonly restateForDays: number;
}

export interface Settings {
  /** The file read, or null when AMC_CONFIG is unset. */
  readonly file: string | null;
  readonly endpoints: Endpoints;
  /** No endpoint was configured anywhere: the local stack is meant. */
  readonly usesLocalStack: boolean;
  readonly switches: Switches;
  readonly job: JobConfig;
  readonly calendarSettings: CalendarSettings;
  readonly calendar: ExchangeCalendar;
  readonly tracker: TrackerConfig;
  readonly trackerRetention: TrackerRetention;
  readonly alerts: AlertsConfig;
  readonly monitor: MonitorConfig;
  readonly dips: DipsConfig;
  /** The learning coordinator's rules; `autoApply` is the switch's. */
  readonly learning: LearningConfig;
  /** The ClickHouse sink's batching, buffering and retries, and the database of its tables. */
  readonly sink: SinkConfig;
  /** The HTTP API's address, token and limits; its database is the sink's. */
  readonly api: ApiConfig;
  /** Every leaf of the configuration with its value and where it came from. */
  readonly effective: readonly EffectiveSetting[];
}

export const DEFAULT_CALENDAR: CalendarSettings = {
  timeZone: NYSE_TIME_ZONE,
  holidays: 'nyse',
  extraClosures: [],
};
export const DEFAULT_TRACKER_RETENTION: TrackerRetention = { barRetentionDays: 120, restateForDays: 90 };

/** Runs a domain's own validation and names the file's path of whatever it refuses. */
function within<T>(section: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    const domainErrors = [
      TrackerConfigError,
      AlertsConfigError,
      MonitorConfigError,
      DipsConfigError,
      LearningConfigError,
    ];
    if (domainErrors.some((kind) => error instanceof kind)) {
      const { key, message } = error as { key: string; message: string };
      throw new ConfigError(`${section}.${key.replace(/^(monitor|dips)\./, '')}`, message);
    }
    if (error instanceof RangeError) throw new ConfigError(section, error.message);
    throw error;
  }
}

const section = (document: ConfigDocument, name: string) =>
  (valueAt(document, name) ?? {}) as Record<string, unknown>;

export function loadSettings(env: Env = process.env): Settings {
  const file = env.AMC_CONFIG?.trim() || null;
  const document: ConfigDocument = file === null ? {} : readConfigFile(file);
  // The file's bound values become variables the environment can override; a bad one is named by its path.
  const merged = boundEnvironment(document, env);
  const bound = <T>(read: (variables: typeof merged) => T) => fromBoundEnvironment(env, () => read(merged));
  const endpoints = bound(loadEndpoints);
  const switches = bound(loadSwitches);
  const job = bound(loadJobConfig);
  const sink = bound(sinkConfigFromEnv);
  const api = bound(apiConfigFromEnv);
  const calendarSettings = { ...DEFAULT_CALENDAR, ...section(document, 'calendar') } as CalendarSettings;
  const calendar = within('calendar', () => createExchangeCalendar(calendarSettings));
  const { barRetentionDays, restateForDays, ...trackerRules } = section(document, 'tracker');
  const tracker = within('tracker', () => createTrackerConfig(trackerRules));
  const trackerRetention = {
    barRetentionDays: (barRetentionDays as number | undefined) ?? DEFAULT_TRACKER_RETENTION.barRetentionDays,
    restateForDays: (restateForDays as number | undefined) ?? DEFAULT_TRACKER_RETENTION.restateForDays,
  };
  // One missed-opportunity line: the tracker's decides both the flag and the alert.
  const alerts = within('alerts', () =>
    createAlertsConfig({
      ...section(document, 'alerts'),
      enabled: switches.alerts,
      missed_opportunity: {
        min_return_pct: tracker.missedOpportunityReturnPct,
        high_severity_return_pct: tracker.missedOpportunityHighReturnPct,
      },
    }),
  );
  const monitor = within('monitor', () => createMonitorConfig(section(document, 'monitor')));
  const dips = within('dips', () => createDipsConfig(section(document, 'dips')));
  // Whether proposals apply themselves is a switch (AMC_LEARNING_AUTO_APPLY), never a second setting here.
  const learning = within('learning', () =>
    createLearningConfig({ ...section(document, 'learning'), autoApply: switches.autoApply }),
  );

  const { autoApply: _switch, ...learningRules } = learning;
  const { database: _sinkDatabase, ...apiSettings } = api;
  const effective = effectiveSettings(
    {
      endpoints,
      switches,
      job,
      calendar: calendarSettings,
      tracker: { ...tracker, ...trackerRetention },
      alerts: {
        default_policy: alerts.default_policy,
        policies: alerts.policies,
        pipeline_unhealthy: alerts.pipeline_unhealthy,
        buy_more_signal: alerts.buy_more_signal,
      },
      monitor,
      dips,
      learning: learningRules,
      sink,
      api: apiSettings,
    },
    document,
    env,
  );
  const endpointSources = effective.filter((s) => s.path.startsWith('endpoints.'));
  return deepFreeze({
    file,
    endpoints,
    usesLocalStack: endpointSources.every((s) => s.source === 'default'),
    switches,
    job,
    calendarSettings,
    calendar,
    tracker,
    trackerRetention,
    alerts,
    monitor,
    dips,
    learning,
    sink,
    api,
    effective,
  }) as Settings;
}

export type { EffectiveSetting, SettingSource } from './effective.ts';
export { DEFAULT_TRACKER_CONFIG };
