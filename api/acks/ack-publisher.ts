/**
 * Acknowledgements go to the acks topic through the project's one publisher
 * (keyed by the alert's dedup key, Avro through the registry, the deployment's
 * topic prefix, Kafka timestamp = acknowledged_at); the alert gate reads them
 * and re-emits the alert acknowledged.
 */
import { TOPICS } from '../../schemas/topics.ts';
import type { AlertAck } from '../../schemas/types.generated.ts';
import type { Publisher } from '../../streams/serde/publish.ts';
import { ApiError } from '../errors.ts';

export interface AckPublisher {
  /** Resolves once Kafka acknowledged the record; rejects with KAFKA_UNAVAILABLE when it did not. */
  publish(ack: AlertAck): Promise<void>;
}

export function kafkaAckPublisher(publisher: Publisher): AckPublisher {
  return {
    async publish(ack) {
      try {
        await publisher.publish(TOPICS.alertAcks.name, [ack]);
      } catch {
        throw new ApiError('KAFKA_UNAVAILABLE');
      }
    },
  };
}
