// The publisher a command-line producer uses: Kafka and the registry at the
// given endpoints, the prefixed topics, quiet kafkajs logging.
import { Kafka, logLevel } from 'kafkajs';
import { createPublisher, type Publisher } from '../publish.ts';
import { createHttpRegistryClient } from '../registry-http.ts';
import { createSerde } from '../serde.ts';

export interface PublisherEndpoints {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  /** AMC_TOPIC_PREFIX. */
  readonly topicPrefix: string;
  readonly clientId: string;
}

export function connectPublisher(endpoints: PublisherEndpoints): Promise<Publisher> {
  const serde = createSerde({ registry: createHttpRegistryClient({ url: endpoints.registryUrl }) });
  const kafka = new Kafka({
    clientId: endpoints.clientId,
    brokers: [...endpoints.brokers],
    logLevel: logLevel.WARN,
  });
  return createPublisher({ kafka, serde, topicPrefix: endpoints.topicPrefix });
}
