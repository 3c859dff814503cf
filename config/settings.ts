/**
 * The configuration in force: defaults (DESIGN.md's values), overlaid by the
 * operator's file (AMC_CONFIG, optional), overlaid by environment variables
 * for endpoints, switches and job settings. Built once at start, every value
 * checked (the schema for shape, each domain for its own rules), then frozen.
 * Each leaf remembers where it came from, for `--print-config`.
 */
import { type AlertsConfig, AlertsConfigError, createAlertsConfig } from '../streams/alerts/domain/index.ts';
import { type JobConfig, loadJobConfig } from '../streams/app/job-config.ts';
import { createDipsConfig, type DipsConfig, DipsConfigError } from '../streams/dips/domain/index.ts';
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
import { ConfigError, type Endpoints, loadEndpoints } from './endpoints.ts';
import { ENV_BINDINGS, envFromDocument } from './env-bindings.ts';
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

export type SettingSource = 'default' | 'file' | `environment (${string})`;

export interface EffectiveSetting {
  readonly path: string;
  readonly value: unknown;
  readonly source: SettingSource;
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
    const domainErrors = [TrackerConfigError, AlertsConfigError, MonitorConfigError, DipsConfigError];
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

function leaves(value: unknown, prefix: string, out: [string, unknown][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) leaves(child, prefix ? `${prefix}.${key}` : key, out);
  } else out.push([prefix, value]);
}

export function loadSettings(env: Env = process.env): Settings {
  const file = env.AMC_CONFIG?.trim() || null;
  const document: ConfigDocument = file === null ? {} : readConfigFile(file);
  // The file's endpoint, switch and job values become variables the environment can override.
  const merged = { ...envFromDocument(document), ...nonEmpty(env) };
  const endpoints = loadEndpoints(merged);
  const switches = loadSwitches(merged);
  const job = loadJobConfig(merged);
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

  const shown = {
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
  };
  const flat: [string, unknown][] = [];
  leaves(shown, '', flat);
  const envByPath = new Map(ENV_BINDINGS.map((b) => [b.path, b.variable]));
  const effective = flat.map(([path, value]): EffectiveSetting => {
    const variable = envByPath.get(path);
    if (variable !== undefined && nonEmpty(env)[variable] !== undefined)
      return { path, value, source: `environment (${variable})` };
    return { path, value, source: valueAt(document, path) === undefined ? 'default' : 'file' };
  });
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
    effective,
  }) as Settings;
}

function nonEmpty(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => (entry[1]?.trim() ?? '') !== ''),
  );
}

export { DEFAULT_TRACKER_CONFIG };
