import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../../config/config-file.ts';
import { ConfigError } from '../../../config/endpoints.ts';
import { identitiesOf, identityChanges } from '../../../config/identity.ts';
import { formatSettings } from '../../../config/print-config.ts';
import { loadSettings } from '../../../config/settings.ts';
import { DEFAULT_ALERTS_CONFIG } from '../../../streams/alerts/domain/index.ts';
import { DEFAULT_DIPS_CONFIG } from '../../../streams/dips/domain/index.ts';
import { DEFAULT_MONITOR_CONFIG } from '../../../streams/monitor/domain/index.ts';
import { type SchemaNode, schemaDefaults, valueAtDotted } from '../../support/config-files.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'amc-agents-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const withFile = (content: unknown, env: Record<string, string> = {}) => {
  const name = path.join(dir, `config-${n++}.json`);
  writeFileSync(name, JSON.stringify(content));
  return loadSettings({ AMC_CONFIG: name, ...env });
};

function refusal(content: unknown): ConfigError {
  try {
    withFile(content);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the monitor’s and the validator’s configuration', () => {
  it('defaults to the domains’ own defaults (DESIGN.md’s numbers), and the schema documents the same', () => {
    const settings = loadSettings({});
    expect(settings.monitor).toEqual(DEFAULT_MONITOR_CONFIG);
    expect(settings.dips).toEqual(DEFAULT_DIPS_CONFIG);
    expect(settings.switches).toMatchObject({ monitor: true, dips: true });
    const schema = CONFIG_SCHEMA as SchemaNode;
    for (const [name, defaults] of [
      ['monitor', DEFAULT_MONITOR_CONFIG],
      ['dips', DEFAULT_DIPS_CONFIG],
    ] as const) {
      const documented = schemaDefaults(schema.properties![name]!, name);
      expect(documented.size).toBeGreaterThan(5);
      for (const [dotted, value] of documented)
        expect(value, dotted).toEqual(valueAtDotted(defaults, dotted));
    }
    for (const rule of ['pipeline_unhealthy', 'buy_more_signal'] as const) {
      const documented = schemaDefaults(schema.properties!.alerts!.properties![rule]!, rule);
      for (const [dotted, value] of documented)
        expect(value, dotted).toEqual(valueAtDotted(DEFAULT_ALERTS_CONFIG[rule], dotted));
    }
  });

  it('takes the file’s values, validated by each domain, and shows where they came from', () => {
    const settings = withFile({
      monitor: { processingTime: { maxMs: 20_000 }, stages: { expectedPerSecond: { enrichment: 50 } } },
      dips: {
        positionCapPct: 30,
        buyMoreTiers: [{ minStrength: 0.75, maxReturnPct: -12, addPctOfEquity: 10 }],
      },
      alerts: {
        buy_more_signal: { high_from_strength: 0.95 },
        pipeline_unhealthy: { critical_below_health: 0.4 },
      },
      switches: { dips: false },
    });
    expect(settings.monitor.processingTime).toEqual({ baselineMs: 8_000, maxMs: 20_000 });
    expect(settings.monitor.stages.expectedPerSecond.enrichment).toBe(50);
    expect(settings.dips.positionCapPct).toBe(30);
    expect(settings.dips.buyMoreTiers).toEqual([
      { minStrength: 0.75, maxReturnPct: -12, addPctOfEquity: 10 },
    ]);
    expect(settings.alerts.buy_more_signal).toEqual({ warning_from_strength: 0.8, high_from_strength: 0.95 });
    expect(settings.alerts.pipeline_unhealthy).toEqual({ critical_below_health: 0.4 });
    expect(settings.switches).toMatchObject({ tracker: true, monitor: true, dips: false });
    const printed = formatSettings(settings);
    expect(printed).toMatch(/^dips\.positionCapPct\s+30\s+file$/m);
    expect(printed).toMatch(/^monitor\.baseline\.windowRuns\s+20\s+default$/m);
    expect(printed).toMatch(/^switches\.dips\s+false\s+file$/m);
  });

  it('lets the environment switch either agent off', () => {
    const settings = withFile({ switches: { monitor: true } }, { AMC_LEARNING_MONITOR_ENABLED: 'false' });
    expect(settings.switches.monitor).toBe(false);
    expect(formatSettings(settings)).toMatch(
      /^switches\.monitor\s+false\s+environment \(AMC_LEARNING_MONITOR_ENABLED\)$/m,
    );
  });

  it.each([
    [{ monitor: { colour: 1 } }, 'monitor.colour', 'not a known key'],
    [
      { monitor: { processingTime: { baselineMs: 9_000, maxMs: 8_000 } } },
      'monitor.processingTime.maxMs',
      '> 9000',
    ],
    [{ monitor: { baseline: { warmUpRuns: 25 } } }, 'monitor.baseline.warmUpRuns', '<= 20'],
    [{ dips: { positionCapPct: 0 } }, 'dips.positionCapPct', 'must be > 0'],
    [{ dips: { grades: { strong: 0.5 } } }, 'dips.grades.strong', '> 0.6'],
    [{ dips: { thesis: { volume: { minSessions: 30 } } } }, 'dips.thesis.volume.minSessions', '<= 20'],
    [
      { alerts: { buy_more_signal: { warning_from_strength: 0.95 } } },
      'alerts.buy_more_signal.high_from_strength',
      '>=',
    ],
  ])('refuses %j, naming %s', (content, key, allowed) => {
    const error = refusal(content);
    expect(error.key).toBe(key);
    expect(error.message).toContain(allowed);
  });

  it('makes the validator’s rules its state’s identity, and leaves the monitor without one', () => {
    const identities = identitiesOf(loadSettings({}));
    expect(identities.map((i) => i.processor)).toEqual(['amc-learning-tracker', 'amc-learning-dips']);
    const before = identities[1]!;
    const after = identitiesOf(withFile({ dips: { positionCapPct: 20 } }))[1]!;
    expect(identityChanges(before.settings, after.settings)).toEqual(['dips.positionCapPct: 25 → 20']);
    const monitorChange = identitiesOf(withFile({ monitor: { baseline: { windowRuns: 30 } } }));
    expect(identityChanges(before.settings, monitorChange[1]!.settings)).toEqual([]);
  });
});
