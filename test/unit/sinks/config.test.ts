import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../config/endpoints.ts';
import { DEFAULT_SINK_CONFIG, loadSinkConfig, sinkConfig } from '../../../sinks/config.ts';

describe('sink configuration', () => {
  it('defaults when nothing is set, and is frozen', () => {
    const config = loadSinkConfig({});
    expect(config).toEqual(DEFAULT_SINK_CONFIG);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every setting from the environment', () => {
    expect(
      loadSinkConfig({
        CLICKHOUSE_DATABASE: 'analytics',
        AMC_SINK_BATCH_ROWS: '500',
        AMC_SINK_BATCH_AGE_MS: '250',
        AMC_SINK_BUFFER_RECORDS: '2000',
        AMC_SINK_RETRY_INITIAL_MS: '50',
        AMC_SINK_RETRY_MAX_MS: '5000',
        AMC_SINK_REQUEST_TIMEOUT_MS: '10000',
      }),
    ).toEqual({
      database: 'analytics',
      batchRows: 500,
      batchAgeMs: 250,
      maxBufferedRecords: 2000,
      retryInitialMs: 50,
      retryMaxMs: 5000,
      requestTimeoutMs: 10000,
    });
  });

  it.each([
    [{ CLICKHOUSE_DATABASE: 'amc-learning' }, 'CLICKHOUSE_DATABASE'],
    [{ CLICKHOUSE_DATABASE: 'x; DROP DATABASE y' }, 'CLICKHOUSE_DATABASE'],
    [{ AMC_SINK_BATCH_ROWS: '0' }, 'AMC_SINK_BATCH_ROWS'],
    [{ AMC_SINK_BATCH_AGE_MS: '1.5' }, 'AMC_SINK_BATCH_AGE_MS'],
    [{ AMC_SINK_BUFFER_RECORDS: '10', AMC_SINK_BATCH_ROWS: '100' }, 'AMC_SINK_BUFFER_RECORDS'],
    [{ AMC_SINK_RETRY_MAX_MS: '10', AMC_SINK_RETRY_INITIAL_MS: '100' }, 'AMC_SINK_RETRY_MAX_MS'],
  ])('names the bad key in %j', (env, key) => {
    expect(() => loadSinkConfig(env)).toThrowError(ConfigError);
    expect(() => loadSinkConfig(env)).toThrowError(new RegExp(key));
  });

  it('checks overrides given in code the same way', () => {
    expect(sinkConfig({ batchRows: 10, maxBufferedRecords: 30 })).toMatchObject({ batchRows: 10 });
    expect(() => sinkConfig({ batchRows: 0 })).toThrowError(/batchRows/);
  });
});
