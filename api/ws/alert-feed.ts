/**
 * Live alerts from the alerts topic, for the WebSocket.
 *
 * Each API process reads with a consumer group of its own
 * (`<application id>-api-alerts-<random>`): kafkajs consumes only within a
 * group, and a group shared by several API processes would split the
 * partitions between them, so each process's clients would see only part of
 * the alerts. Nothing is committed: the socket is live only (history is GET
 * /alerts), so a restarted process has nothing to resume, and a group without
 * offsets leaves nothing behind on the broker once it is empty. Reading starts
 * at the high watermarks taken when start() runs, so every alert committed
 * after start() resolves is delivered; read_committed, so an alert of an
 * aborted transaction never reaches a client.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { TOPICS } from '../../schemas/topics.ts';
import { retryRetriable } from '../../streams/runtime/errors.ts';
import type { Serde } from '../../streams/serde/serde.ts';
import { type AlertView, alertViewOfRecord } from '../views/alert-view.ts';

/** Part of the live feed's group id; the group never commits, so it is no measure of progress. */
export const ALERT_FEED_GROUP_INFIX = '-api-alerts-';

export interface AlertFeed {
  /** Calls `listener` with every alert from now on; returns the unsubscription. */
  subscribe(listener: (alert: AlertView) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface AlertFeedOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  /** The deployment's alerts topic (AMC_TOPIC_PREFIX applied). */
  readonly topic: string;
  readonly applicationId: string;
  /** Told about records that are not alerts (they are the processors' dead letters, not ours). */
  readonly onUndecodable?: (reason: string) => void;
}

export function kafkaAlertFeed(options: AlertFeedOptions): AlertFeed {
  const listeners = new Set<(alert: AlertView) => void>();
  // A record delivered again after a rebalance is recognised by its position.
  const delivered = new Map<number, bigint>();
  let consumer: Consumer | undefined;

  const deliver = async (partition: number, offset: string, value: Buffer | null) => {
    const position = BigInt(offset);
    if (position <= (delivered.get(partition) ?? -1n)) return;
    delivered.set(partition, position);
    const decoded = await options.serde.decode(TOPICS.alerts.name, value);
    if (!decoded.ok) {
      options.onUndecodable?.(decoded.rejection.code);
      return;
    }
    const view = alertViewOfRecord(decoded.record);
    for (const listener of listeners) listener(view);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      const admin = options.kafka.admin();
      await admin.connect();
      const marks = await retryRetriable(() => admin.fetchTopicOffsets(options.topic)).finally(() =>
        admin.disconnect(),
      );
      consumer = options.kafka.consumer({
        groupId: `${options.applicationId}${ALERT_FEED_GROUP_INFIX}${randomUUID()}`,
        readUncommitted: false,
        maxWaitTimeInMs: 100,
      });
      await consumer.connect();
      await consumer.subscribe({ topic: options.topic, fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        eachMessage: ({ partition, message }) => deliver(partition, message.offset, message.value),
      });
      for (const mark of marks)
        consumer.seek({ topic: options.topic, partition: mark.partition, offset: mark.high });
    },
    async stop() {
      await consumer?.disconnect();
      consumer = undefined;
    },
  };
}
