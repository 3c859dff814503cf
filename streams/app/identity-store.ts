/**
 * Keeps each stateful processor's configuration identity in a compacted
 * topic beside its state, and checks it at start: a change to the rules
 * that decided the answers in a non-empty state is refused unless the
 * operator asks for the state to be rebuilt (--reset-state), in which case
 * the processor's committed offsets and changelogs are deleted and its
 * identity's epoch rises (outcome versions of a new epoch start above every
 * version of the old one, so downstream latest-version reads stay right).
 */
import { randomBytes } from 'node:crypto';
import { type Admin, type Kafka, Partitioners } from 'kafkajs';
import { identityChanges, type ProcessorIdentity } from '../../config/identity.ts';
import { topicEnds } from '../runtime/topic-metadata.ts';
import { ensureTopics } from './topics.ts';

export interface StoredIdentity {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly epoch: number;
}

/** Versions of one epoch stay below the next epoch's first version. */
export const VERSIONS_PER_EPOCH = 1_000_000;

export class ConfigIdentityError extends Error {
  readonly retriable = false;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigIdentityError';
  }
}

export const identityTopic = (applicationId: string) => `${applicationId}-config-identity`;

/** Every key's latest value of a small topic, read from the start to its end. */
async function readToEnd(kafka: Kafka, admin: Admin, topic: string): Promise<Map<string, StoredIdentity>> {
  const ends = await topicEnds(admin, topic);
  const latest = new Map<string, StoredIdentity>();
  const remaining = new Set(ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => e.partition));
  if (remaining.size === 0) return latest;
  const high = new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
  const consumer = kafka.consumer({ groupId: `${topic}-reader-${randomBytes(6).toString('hex')}` });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const key = message.key?.toString('utf8');
            if (key !== undefined && message.value !== null)
              latest.set(key, JSON.parse(message.value.toString('utf8')) as StoredIdentity);
            if (BigInt(message.offset) + 1n >= high.get(partition)!) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return latest;
}

/** True when the processor's group has committed anything: its state is not empty. */
async function hasState(admin: Admin, group: string): Promise<boolean> {
  const groups = await admin.listGroups();
  if (!groups.groups.some((g) => g.groupId === group)) return false;
  const topics = (await admin.fetchOffsets({ groupId: group })).filter((t) =>
    t.partitions.some((p) => BigInt(p.offset) >= 0n),
  );
  return topics.length > 0;
}

async function resetState(admin: Admin, processor: string): Promise<string[]> {
  const changelogs = (await admin.listTopics()).filter(
    (t) => t.startsWith(`${processor}-`) && t.endsWith('-changelog'),
  );
  try {
    await admin.deleteGroups([processor]);
  } catch (error) {
    throw new ConfigIdentityError(
      `cannot reset ${processor}: ${(error as Error).message} (stop every running instance first)`,
    );
  }
  if (changelogs.length > 0) {
    await admin.deleteTopics({ topics: changelogs });
    // Deletion completes in the background; the runtime recreates the changelogs once they are gone.
    for (let i = 0; i < 100; i++) {
      const left = new Set(await admin.listTopics());
      if (!changelogs.some((t) => left.has(t))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return changelogs;
}

export interface SettleOptions {
  readonly kafka: Kafka;
  readonly applicationId: string;
  readonly identities: readonly ProcessorIdentity[];
  readonly resetState: boolean;
  readonly log?: (message: string) => void;
}

/** Checks (and records) every identity; returns each processor's epoch. Throws ConfigIdentityError. */
export async function settleIdentities(options: SettleOptions): Promise<Map<string, number>> {
  const { kafka, identities } = options;
  const log = options.log ?? (() => undefined);
  const topic = identityTopic(options.applicationId);
  const admin = kafka.admin();
  await admin.connect();
  const epochs = new Map<string, number>();
  const writes: { key: string; value: string }[] = [];
  try {
    await ensureTopics(admin, [{ name: topic, partitions: 1, compact: true }]);
    const stored = await readToEnd(kafka, admin, topic);
    for (const identity of identities) {
      const previous = stored.get(identity.processor);
      const changes = previous ? identityChanges(previous.settings, identity.settings) : [];
      let epoch = previous?.epoch ?? 0;
      if (previous && changes.length === 0) {
        epochs.set(identity.processor, epoch);
        continue;
      }
      if (previous && (await hasState(admin, identity.processor))) {
        if (!options.resetState) {
          throw new ConfigIdentityError(
            `${identity.processor} holds state built under other rules:\n  ${changes.join('\n  ')}\n` +
              'Old and new rules must not mix in one state. Start with --reset-state to rebuild it from ' +
              'its inputs under the new rules, or use a new AMC_APPLICATION_ID.',
          );
        }
        const deleted = await resetState(admin, identity.processor);
        epoch += 1;
        log(
          `${identity.processor}: state reset for new rules (${changes.join('; ')}); ` +
            `deleted its offsets and ${deleted.length} changelogs; epoch ${epoch}`,
        );
      }
      epochs.set(identity.processor, epoch);
      writes.push({ key: identity.processor, value: JSON.stringify({ settings: identity.settings, epoch }) });
    }
  } finally {
    await admin.disconnect();
  }
  if (writes.length > 0) {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      await producer.send({ topic, messages: writes });
    } finally {
      await producer.disconnect();
    }
  }
  return epochs;
}
