import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_CONFIG } from '../../../api/config.ts';
import { CONFIG_SCHEMA } from '../../../config/config-file.ts';
import { formatSettings } from '../../../config/print-config.ts';
import { loadSettings } from '../../../config/settings.ts';
import { DEFAULT_SINK_CONFIG, loadSinkConfig } from '../../../sinks/config.ts';
import { configFiles, type SchemaNode, schemaDefaults, valueAtDotted } from '../../support/config-files.ts';

const files = configFiles('infrastructure-config');
afterAll(files.remove);

const TOKEN = 'file-token-0123456789abcdef';
const ENV_TOKEN = 'env-token-fedcba9876543210';

describe('the sink and API sections', () => {
  it('default to the values the sink and the API have always had, as the schema documents', () => {
    const settings = loadSettings({});
    expect(settings.sink).toEqual(DEFAULT_SINK_CONFIG);
    expect(settings.api).toEqual(DEFAULT_API_CONFIG);
    const schema = (CONFIG_SCHEMA as SchemaNode).properties!;
    const sink = schemaDefaults(schema.sink!, 'sink');
    expect([...sink.keys()].sort()).toEqual(
      Object.keys(DEFAULT_SINK_CONFIG)
        .map((k) => `sink.${k}`)
        .sort(),
    );
    for (const [dotted, value] of sink)
      expect(value, dotted).toEqual(valueAtDotted(DEFAULT_SINK_CONFIG, dotted));
    // The API's database is the sink's (one setting); its token has no default.
    const api = schemaDefaults(schema.api!, 'api');
    const apiKeys = Object.keys(DEFAULT_API_CONFIG).filter((k) => k !== 'database');
    expect([...api.keys()].sort()).toEqual(apiKeys.map((k) => `api.${k}`).sort());
    for (const [dotted, value] of api)
      expect(value, dotted).toEqual(valueAtDotted(DEFAULT_API_CONFIG, dotted));
  });

  it('take the file’s values, let the environment win, and say where each came from', () => {
    const settings = files.load(
      {
        sink: { database: 'analytics', batchRows: 500, batchAgeMs: 250 },
        api: { port: 8080, corsOrigins: ['https://ops.example.com'], answerCacheMs: 0 },
      },
      { AMC_SINK_BATCH_ROWS: '700', AMC_API_PORT: '9090' },
    );
    expect(settings.sink).toEqual({
      ...DEFAULT_SINK_CONFIG,
      database: 'analytics',
      batchRows: 700,
      batchAgeMs: 250,
    });
    expect(settings.api).toMatchObject({
      port: 9090,
      corsOrigins: ['https://ops.example.com'],
      answerCacheMs: 0,
      // One database: the API reads the tables the sink writes.
      database: 'analytics',
    });
    const printed = formatSettings(settings);
    expect(printed).toMatch(/^sink\.batchRows\s+700\s+environment \(AMC_SINK_BATCH_ROWS\)$/m);
    expect(printed).toMatch(/^sink\.batchAgeMs\s+250\s+file$/m);
    expect(printed).toMatch(/^sink\.database\s+"analytics"\s+file$/m);
    expect(printed).toMatch(/^sink\.retryMaxMs\s+10000\s+default$/m);
    expect(printed).toMatch(/^api\.port\s+9090\s+environment \(AMC_API_PORT\)$/m);
    expect(printed).toMatch(/^api\.corsOrigins\s+\["https:\/\/ops\.example\.com"\]\s+file$/m);
    expect(printed).not.toMatch(/^api\.database/m);
  });

  it('never shows the token, only whether it is set and by whom', () => {
    expect(formatSettings(loadSettings({}))).toMatch(/^api\.token\s+"unset"\s+default$/m);
    const fromFile = files.load({ api: { token: TOKEN } });
    expect(fromFile.api.token).toBe(TOKEN);
    expect(formatSettings(fromFile)).toMatch(/^api\.token\s+"set"\s+file$/m);
    const fromEnv = files.load({ api: { token: TOKEN } }, { AMC_API_TOKEN: ENV_TOKEN });
    expect(fromEnv.api.token).toBe(ENV_TOKEN);
    const printed = formatSettings(fromEnv);
    expect(printed).toMatch(/^api\.token\s+"set"\s+environment \(AMC_API_TOKEN\)$/m);
    for (const shown of [printed, JSON.stringify(fromEnv.effective)]) {
      expect(shown).not.toContain(TOKEN);
      expect(shown).not.toContain(ENV_TOKEN);
    }
  });

  it.each([
    [{ sink: { batchRows: 0 } }, {}, 'sink.batchRows', 'must be >= 1'],
    [{ sink: { database: 'amc-learning' } }, {}, 'sink.database', 'must match pattern'],
    [{ sink: { flushEvery: 1 } }, {}, 'sink.flushEvery', 'allowed: database, batchRows'],
    // Checks across keys are the sink's own: they name the path when the file gave the value...
    [
      { sink: { batchRows: 100, maxBufferedRecords: 10 } },
      {},
      'sink.maxBufferedRecords',
      'below the batch size 100',
    ],
    [{ sink: { retryInitialMs: 500, retryMaxMs: 100 } }, {}, 'sink.retryMaxMs', '100 is below 500'],
    // ...and the variable when the environment did.
    [
      { sink: { batchRows: 100 } },
      { AMC_SINK_BUFFER_RECORDS: '10' },
      'AMC_SINK_BUFFER_RECORDS',
      'below the batch size',
    ],
    [{}, { AMC_SINK_BATCH_ROWS: 'many' }, 'AMC_SINK_BATCH_ROWS', 'not a positive integer'],
    [{ api: { port: 70_000 } }, {}, 'api.port', 'must be <= 65535'],
    [{}, { AMC_API_PORT: '70000' }, 'AMC_API_PORT', 'not an integer from 0 to 65535'],
    [{ api: { corsOrigins: ['https://a.example/path'] } }, {}, 'api.corsOrigins', 'is not an origin'],
    [{ api: { queryTimeoutMs: 50 } }, {}, 'api.queryTimeoutMs', 'must be >= 100'],
    [{ api: { token: 'short' } }, {}, 'api.token', 'must NOT have fewer than 16 characters'],
    [{}, { AMC_API_TOKEN: 'short' }, 'AMC_API_TOKEN', 'at least 16 printable ASCII characters'],
    [{ switches: { sinks: 'no' } }, {}, 'switches.sinks', 'must be boolean'],
  ])('refuses %j with %j, naming %s', (content, env, key, allowed) => {
    const error = files.refusal(content, env as Record<string, string>);
    expect(error.key).toBe(key);
    expect(error.message).toContain(allowed);
  });

  it('never repeats a refused token in its error', () => {
    const secretish = 'has spaces but is long enough';
    expect(files.refusal({ api: { token: secretish } }).message).not.toContain(secretish);
    expect(files.refusal({}, { AMC_API_TOKEN: secretish }).message).not.toContain(secretish);
  });

  it('switch the main job’s sink off from the file, or from the environment over it', () => {
    const file = files.write({ switches: { sinks: false } });
    expect(loadSettings({ AMC_CONFIG: file }).switches.sinks).toBe(false);
    const settings = loadSettings({ AMC_CONFIG: file, AMC_LEARNING_SINKS_ENABLED: 'true' });
    expect(settings.switches.sinks).toBe(true);
    expect(formatSettings(settings)).toMatch(
      /^switches\.sinks\s+true\s+environment \(AMC_LEARNING_SINKS_ENABLED\)$/m,
    );
  });

  it('give code that does not hold the settings the same sink section (the file, the environment over it)', () => {
    const file = files.write({ sink: { batchRows: 500, batchAgeMs: 250 } });
    const env = { AMC_CONFIG: file, AMC_SINK_BATCH_AGE_MS: '300' };
    expect(loadSinkConfig(env)).toEqual(loadSettings(env).sink);
    expect(loadSinkConfig(env)).toMatchObject({ batchRows: 500, batchAgeMs: 300 });
  });
});
