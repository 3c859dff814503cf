export interface RegistryServerConfig {
  readonly host: string;
  readonly port: number;
  readonly brokers: readonly string[];
  readonly topic: string;
}

export const SERVER_ENV = {
  REGISTRY_HOST: '127.0.0.1',
  REGISTRY_PORT: '8081',
  KAFKA_BROKERS: '127.0.0.1:9092',
  REGISTRY_TOPIC: '_schemas',
} as const;

/** Reads the server's settings once, failing loudly on a bad value, and freezes them. */
export function readServerConfig(env: NodeJS.ProcessEnv): RegistryServerConfig {
  const value = (name: keyof typeof SERVER_ENV): string => {
    const given = env[name]?.trim();
    return given ? given : SERVER_ENV[name];
  };
  const port = Number(value('REGISTRY_PORT'));
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(
      `REGISTRY_PORT must be a port number (0-65535), got ${JSON.stringify(env.REGISTRY_PORT)}`,
    );
  }
  const brokers = value('KAFKA_BROKERS')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  const malformed = brokers.filter((broker) => !/^[^\s:]+:[0-9]+$/.test(broker));
  if (brokers.length === 0 || malformed.length > 0) {
    throw new Error(
      `KAFKA_BROKERS must be comma-separated host:port pairs, got ${JSON.stringify(env.KAFKA_BROKERS)}`,
    );
  }
  const topic = value('REGISTRY_TOPIC');
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(topic)) {
    throw new Error(`REGISTRY_TOPIC must be a valid Kafka topic name, got ${JSON.stringify(topic)}`);
  }
  return Object.freeze({ host: value('REGISTRY_HOST'), port, brokers: Object.freeze(brokers), topic });
}
