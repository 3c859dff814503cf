import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../../config/config-file.ts';
import { ConfigError } from '../../../config/endpoints.ts';
import { identitiesOf, identityChanges } from '../../../config/identity.ts';
import { formatSettings } from '../../../config/print-config.ts';
import { DEFAULT_CALENDAR, DEFAULT_TRACKER_RETENTION, loadSettings } from '../../../config/settings.ts';
import { DEFAULT_ALERTS_CONFIG } from '../../../streams/alerts/domain/index.ts';
import { DEFAULT_TRACKER_CONFIG } from '../../../streams/tracker/domain/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'amc-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(content: unknown, ext = 'json'): string {
  const name = path.join(dir, `config-${n++}.${ext}`);
  writeFileSync(name, typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

const withFile = (content: unknown, env: Record<string, string> = {}, ext = 'json') =>
  loadSettings({ AMC_CONFIG: file(content, ext), ...env });

function refusal(content: unknown, ext = 'json'): ConfigError {
  try {
    withFile(content, {}, ext);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const sourceOf = (settings: ReturnType<typeof loadSettings>, p: string) =>
  settings.effective.find((s) => s.path === p)?.source;

describe('configuration without a file', () => {
  it("takes DESIGN.md's values, every one marked as a default, the local stack meant", () => {
    const settings = loadSettings({});
    expect(settings.file).toBeNull();
    expect(settings.tracker).toEqual(DEFAULT_TRACKER_CONFIG);
    expect(settings.calendarSettings).toEqual(DEFAULT_CALENDAR);
    expect(settings.trackerRetention).toEqual(DEFAULT_TRACKER_RETENTION);
    expect(settings.alerts.policies).toEqual(DEFAULT_ALERTS_CONFIG.policies);
    expect(settings.usesLocalStack).toBe(true);
    expect(new Set(settings.effective.map((s) => s.source))).toEqual(new Set(['default']));
    expect(Object.isFrozen(settings.tracker.categoryCutoffs)).toBe(true);
  });

  it('the schema that ships states the same defaults as the code', () => {
    type Node = { properties?: Record<string, Node>; default?: unknown };
    const schema = CONFIG_SCHEMA as unknown as Node;
    const at = (...keys: string[]) =>
      keys.reduce<Node | undefined>((node, key) => node?.properties?.[key], schema)?.default;
    for (const [key, value] of Object.entries(DEFAULT_TRACKER_CONFIG)) {
      if (key === 'categoryCutoffs') continue;
      expect(at('tracker', key), `tracker.${key}`).toEqual(value);
    }
    for (const [key, value] of Object.entries(DEFAULT_TRACKER_CONFIG.categoryCutoffs))
      expect(at('tracker', 'categoryCutoffs', key)).toEqual(value);
    for (const [key, value] of Object.entries(DEFAULT_TRACKER_RETENTION))
      expect(at('tracker', key)).toBe(value);
    for (const [key, value] of Object.entries(DEFAULT_CALENDAR)) expect(at('calendar', key)).toEqual(value);
    const defaults = loadSettings({});
    for (const [key, value] of Object.entries(defaults.job))
      expect(at('job', key), `job.${key}`).toEqual(value);
    for (const [key, value] of Object.entries(defaults.endpoints))
      expect(at('endpoints', key), `endpoints.${key}`).toEqual(value);
  });
});

describe('configuration from a file', () => {
  it('overrides rules, says which values came from the file, and keeps the rest at their defaults', () => {
    const settings = withFile({
      tracker: { basis: 'calendar', missedOpportunityReturnPct: 30, categoryCutoffs: { strong: 25 } },
      calendar: { extraClosures: ['2026-03-11'] },
      alerts: { policies: { MISSED_OPPORTUNITY: { suppression_window_ms: 0 } } },
    });
    expect(settings.tracker.basis).toBe('calendar');
    expect(settings.tracker.categoryCutoffs).toEqual({ explosive: 50, strong: 25, moderate: 5, failed: -10 });
    expect(settings.calendar.isSession('2026-03-11')).toBe(false);
    expect(settings.calendar.isSession('2026-03-12')).toBe(true);
    // The tracker's missed line is the alert's too: one setting, not two.
    expect(settings.alerts.missed_opportunity.min_return_pct).toBe(30);
    expect(settings.alerts.policies.MISSED_OPPORTUNITY!.suppression_window_ms).toBe(0);
    expect(settings.alerts.policies.MISSED_OPPORTUNITY!.rate_limit.max_alerts).toBe(20);
    expect(sourceOf(settings, 'tracker.basis')).toBe('file');
    expect(sourceOf(settings, 'tracker.categoryCutoffs.strong')).toBe('file');
    expect(sourceOf(settings, 'tracker.categoryCutoffs.explosive')).toBe('default');
    expect(sourceOf(settings, 'alerts.policies.MISSED_OPPORTUNITY.suppression_window_ms')).toBe('file');
  });

  it('reads YAML as well', () => {
    const settings = withFile('tracker:\n  checkpoints: [1, 5, 10]\n  missingGraceSessions: 2\n', {}, 'yaml');
    expect(settings.tracker.checkpoints).toEqual([1, 5, 10]);
    expect(settings.tracker.missingGraceSessions).toBe(2);
  });

  it('lets the environment override endpoints, switches and job settings, and says so', () => {
    const settings = withFile(
      {
        endpoints: { kafkaBrokers: ['kafka-a:9092', 'kafka-b:9092'] },
        switches: { alerts: false },
        job: { partitions: 6, applicationId: 'from-file' },
      },
      { AMC_APPLICATION_ID: 'from-env' },
    );
    expect(settings.endpoints.kafkaBrokers).toEqual(['kafka-a:9092', 'kafka-b:9092']);
    expect(settings.usesLocalStack).toBe(false);
    expect(settings.switches.alerts).toBe(false);
    expect(settings.alerts.enabled).toBe(false);
    expect(settings.job.partitions).toBe(6);
    expect(settings.job.applicationId).toBe('from-env');
    expect(sourceOf(settings, 'job.applicationId')).toBe('environment (AMC_APPLICATION_ID)');
    expect(sourceOf(settings, 'job.partitions')).toBe('file');
    expect(sourceOf(settings, 'endpoints.kafkaBrokers')).toBe('file');
    const printed = formatSettings(settings);
    expect(printed).toMatch(/^job\.applicationId\s+"from-env"\s+environment \(AMC_APPLICATION_ID\)$/m);
    expect(printed).toMatch(/^tracker\.basis\s+"trading"\s+default$/m);
  });

  it.each([
    [{ tracker: { colour: 'red' } }, 'tracker.colour', 'not a known key'],
    [{ trakcer: {} }, 'trakcer', 'allowed: endpoints, switches, job, calendar, tracker, alerts'],
    [{ tracker: { missingGraceSessions: 'three' } }, 'tracker.missingGraceSessions', 'must be integer'],
    [{ tracker: { missingGraceSessions: -1 } }, 'tracker.missingGraceSessions', 'must be >= 0'],
    [{ tracker: { basis: 'weekly' } }, 'tracker.basis', '"trading", "calendar"'],
    [
      { tracker: { categoryCutoffs: { strong: 60 } } },
      'tracker.categoryCutoffs',
      'explosive > strong > moderate > failed',
    ],
    [{ tracker: { checkpoints: [7, 1] } }, 'tracker.checkpoints', 'strictly ascending'],
    [
      { tracker: { missedOpportunityHighReturnPct: 10 } },
      'tracker.missedOpportunityHighReturnPct',
      'missedOpportunityReturnPct',
    ],
    [{ calendar: { extraClosures: ['11 March'] } }, 'calendar.extraClosures.0', 'must match pattern'],
    [{ calendar: { holidays: 'lse' } }, 'calendar.holidays', "'nyse': NYSE holidays"],
    [{ calendar: { timeZone: 'Mars/Olympus' } }, 'calendar', 'unknown time zone'],
    [
      { alerts: { policies: { MISSED_OPPORTUNITY: { rate_limit: { max_alerts: 0 } } } } },
      'alerts.policies.MISSED_OPPORTUNITY.rate_limit.max_alerts',
      'must be >= 1',
    ],
    [{ job: { partitions: 0 } }, 'job.partitions', 'must be >= 1'],
  ])('refuses %j, naming %s', (content, key, allowed) => {
    const error = refusal(content);
    expect(error.key).toBe(key);
    expect(error.message).toContain(allowed);
  });

  it('refuses a file that is not JSON, or cannot be read, naming it', () => {
    expect(refusal('{"tracker": ').message).toMatch(/is not valid JSON/);
    expect(() => loadSettings({ AMC_CONFIG: path.join(dir, 'missing.json') })).toThrow(/cannot read/);
  });
});

describe('configuration identity', () => {
  it('names each answer-deciding setting that changed, and nothing else', () => {
    const before = identitiesOf(loadSettings({}))[0]!;
    const after = identitiesOf(
      withFile({ tracker: { basis: 'calendar' }, alerts: { default_policy: { suppression_window_ms: 1 } } }),
    )[0]!;
    expect(before.processor).toBe('amc-learning-tracker');
    expect(identityChanges(before.settings, after.settings)).toEqual([
      'tracker.basis: "trading" → "calendar"',
    ]);
    expect(identityChanges(before.settings, before.settings)).toEqual([]);
    const closure = identitiesOf(withFile({ calendar: { extraClosures: ['2026-03-11'] } }))[0]!;
    expect(identityChanges(before.settings, closure.settings)).toEqual([
      'calendar.extraClosures: [] → ["2026-03-11"]',
    ]);
  });
});
