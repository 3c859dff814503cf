import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../../config/config-file.ts';
import { identitiesOf } from '../../../config/identity.ts';
import { formatSettings } from '../../../config/print-config.ts';
import { loadSettings } from '../../../config/settings.ts';
import { DEFAULT_LEARNING_CONFIG } from '../../../streams/learning/domain/index.ts';
import { configFiles, type SchemaNode, schemaDefaults, valueAtDotted } from '../../support/config-files.ts';

const files = configFiles('learning-config');
afterAll(files.remove);

describe('the learning section', () => {
  it('defaults to the coordinator’s own rules, and the schema documents each of them', () => {
    expect(loadSettings({}).learning).toEqual(DEFAULT_LEARNING_CONFIG);
    const section = (CONFIG_SCHEMA as SchemaNode).properties!.learning!;
    const documented = schemaDefaults(section, 'learning');
    for (const [dotted, value] of documented)
      expect(value, dotted).toEqual(valueAtDotted(DEFAULT_LEARNING_CONFIG, dotted));
    // Every rule but the switch is documented: auto-apply is switches.autoApply, never a second key.
    const rules = Object.keys(DEFAULT_LEARNING_CONFIG).filter((key) => key !== 'autoApply');
    expect(Object.keys(section.properties!).sort()).toEqual(rules.sort());
    expect(documented.size).toBe(16);
  });

  it('takes the file’s rules, the switch’s auto-apply, and shows where each came from', () => {
    const grid = [40, 60, 80];
    const settings = files.load(
      {
        learning: {
          schedule: { weekday: 5, hour: 18 },
          windowDays: 60,
          bootstrap: { resamples: 2000 },
          autoApplyMinConfidence: 0.95,
          parameters: [{ name: 'composite_score_threshold', attribute: { kind: 'composite_score' }, grid }],
        },
      },
      { AMC_LEARNING_AUTO_APPLY: 'true' },
    );
    expect(settings.learning.schedule).toEqual({ ...DEFAULT_LEARNING_CONFIG.schedule, weekday: 5, hour: 18 });
    expect(settings.learning.windowDays).toBe(60);
    expect(settings.learning.bootstrap).toEqual({ ...DEFAULT_LEARNING_CONFIG.bootstrap, resamples: 2000 });
    expect(settings.learning.autoApplyMinConfidence).toBe(0.95);
    // A list of parameters replaces the defaults entirely.
    expect(settings.learning.parameters.map((p) => [p.name, p.grid])).toEqual([
      ['composite_score_threshold', grid],
    ]);
    expect(settings.learning.autoApply).toBe(true);
    expect(Object.isFrozen(settings.learning.parameters[0]!.grid)).toBe(true);
    const printed = formatSettings(settings);
    expect(printed).toMatch(/^learning\.schedule\.hour\s+18\s+file$/m);
    expect(printed).toMatch(/^learning\.schedule\.minute\s+0\s+default$/m);
    expect(printed).toMatch(/^learning\.minSample\s+100\s+default$/m);
    expect(printed).toMatch(/^learning\.parameters\.0\.name\s+"composite_score_threshold"\s+file$/m);
    expect(printed).toMatch(/^learning\.parameters\.0\.grid\s+\[40,60,80\]\s+file$/m);
    expect(printed).not.toMatch(/^learning\.parameters\.1\./m);
    expect(printed).toMatch(/^switches\.autoApply\s+true\s+environment \(AMC_LEARNING_AUTO_APPLY\)$/m);
    expect(printed).not.toMatch(/^learning\.autoApply\s/m);
  });

  it.each([
    [{ learning: { colour: 1 } }, 'learning.colour', 'not a known key'],
    [{ learning: { autoApply: true } }, 'learning.autoApply', 'allowed: schedule, windowDays'],
    [{ learning: { schedule: { hour: 24 } } }, 'learning.schedule.hour', 'must be <= 23'],
    [{ learning: { schedule: { graceMs: -1 } } }, 'learning.schedule.graceMs', 'must be >= 0'],
    [
      { learning: { schedule: { timeZone: 'Mars/Olympus' } } },
      'learning.schedule.timeZone',
      'an IANA time zone',
    ],
    [{ learning: { minSample: 20, minKept: 30 } }, 'learning.minKept', 'an integer <= minSample (20)'],
    [{ learning: { minExplosiveShareKept: 1.5 } }, 'learning.minExplosiveShareKept', 'must be <= 1'],
    [{ learning: { bootstrap: { resamples: 10 } } }, 'learning.bootstrap.resamples', 'must be >= 1000'],
    [{ learning: { bootstrap: { intervalLevel: 1 } } }, 'learning.bootstrap.intervalLevel', 'must be < 1'],
    [
      { learning: { parameters: [{ name: 'x', attribute: { kind: 'vigl_score' }, grid: [0.5, 0.4] }] } },
      'learning.parameters.0.grid',
      'strictly ascending',
    ],
    [
      { learning: { parameters: [{ name: 'x', attribute: { kind: 'factor' }, grid: [1, 2] }] } },
      'learning.parameters.0.attribute.factors',
      'a non-empty list of factor names',
    ],
    [
      {
        learning: {
          parameters: [{ name: 'x', attribute: { kind: 'vigl_score', factors: ['rvol'] }, grid: [1, 2] }],
        },
      },
      'learning.parameters.0.attribute.factors',
      'no factors for kind vigl_score',
    ],
    [
      { learning: { parameters: [{ name: 'x', attribute: { kind: 'price' }, grid: [1, 2] }] } },
      'learning.parameters.0.attribute.kind',
      '"composite_score", "vigl_score", "factor"',
    ],
    [
      { learning: { parameters: [{ name: 'x', attribute: { kind: 'vigl_score' }, grid: [1, 2], step: 1 }] } },
      'learning.parameters.0.step',
      'allowed: name, attribute, grid',
    ],
    [
      {
        learning: {
          parameters: [
            { name: 'x', attribute: { kind: 'vigl_score' }, grid: [1, 2] },
            { name: 'x', attribute: { kind: 'composite_score' }, grid: [1, 2] },
          ],
        },
      },
      'learning.parameters.1.name',
      'a name not used before',
    ],
  ])('refuses %j, naming %s', (content, key, allowed) => {
    const error = files.refusal(content);
    expect(error.key).toBe(key);
    expect(error.message).toContain(allowed);
  });

  it('is no processor’s identity: a changed rule applies from the next cycle, nothing is refused', () => {
    const before = identitiesOf(loadSettings({}));
    const after = identitiesOf(
      files.load({ learning: { schedule: { hour: 9 }, windowDays: 30, minSample: 50 } }),
    );
    expect(after).toEqual(before);
    expect(after.map((i) => i.processor)).not.toContain('amc-learning-coordinator');
  });
});
