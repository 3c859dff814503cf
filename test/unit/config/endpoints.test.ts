import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  LOCAL_STACK_ENDPOINTS,
  loadEndpoints,
  usesLocalStack,
} from '../../../config/endpoints.ts';

describe('loadEndpoints', () => {
  it('defaults to the local stack on 127.0.0.1', () => {
    expect(loadEndpoints({})).toEqual(LOCAL_STACK_ENDPOINTS);
    expect(usesLocalStack({})).toBe(true);
  });

  it('reads every endpoint from the environment', () => {
    const env = {
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      SCHEMA_REGISTRY_URL: 'http://registry:8081/',
      CLICKHOUSE_URL: 'https://ch.example:8443',
    };
    expect(loadEndpoints(env)).toEqual({
      kafkaBrokers: ['kafka-1:9092', 'kafka-2:9092'],
      schemaRegistryUrl: 'http://registry:8081',
      clickhouseUrl: 'https://ch.example:8443',
    });
    expect(usesLocalStack(env)).toBe(false);
  });

  it.each([
    ['KAFKA_BROKERS', 'localhost'],
    ['KAFKA_BROKERS', '127.0.0.1:99999'],
    ['KAFKA_BROKERS', '127.0.0.1:9092,,'],
    ['SCHEMA_REGISTRY_URL', 'not a url'],
    ['CLICKHOUSE_URL', 'ftp://127.0.0.1:8123'],
  ])('names the bad key %s=%s', (key, value) => {
    expect(() => loadEndpoints({ [key]: value })).toThrowError(ConfigError);
    expect(() => loadEndpoints({ [key]: value })).toThrowError(new RegExp(key));
  });

  it('returns a frozen object', () => {
    const endpoints = loadEndpoints({});
    expect(Object.isFrozen(endpoints)).toBe(true);
    expect(Object.isFrozen(endpoints.kafkaBrokers)).toBe(true);
  });
});
