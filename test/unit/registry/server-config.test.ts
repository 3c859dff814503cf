import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../../registry/server-config.ts';

describe('readServerConfig', () => {
  it('defaults to the local stack', () => {
    expect(readServerConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8081,
      brokers: ['127.0.0.1:9092'],
      topic: '_schemas',
    });
  });

  it('reads every variable, brokers comma-separated', () => {
    const config = readServerConfig({
      REGISTRY_HOST: '0.0.0.0',
      REGISTRY_PORT: '0',
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      REGISTRY_TOPIC: '_schemas_test',
    });
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 0,
      brokers: ['k1:9092', 'k2:9093'],
      topic: '_schemas_test',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the bad variable', () => {
    expect(() => readServerConfig({ REGISTRY_PORT: 'eighty' })).toThrow(/REGISTRY_PORT/);
    expect(() => readServerConfig({ KAFKA_BROKERS: 'localhost' })).toThrow(/KAFKA_BROKERS/);
    expect(() => readServerConfig({ REGISTRY_TOPIC: 'no spaces' })).toThrow(/REGISTRY_TOPIC/);
  });
});
