import { describe, expect, it } from 'vitest';
import { installed, original } from './support/kafkajs-files.ts';

/*
 * kafkajs' transaction manager, wrapped at install (stack/patches/eosManager.js)
 * so that coordinator lookups are remembered: a transaction must cost four
 * requests instead of eight, and a failed request must make the next
 * operation (and the original's own retry) ask the cluster again.
 */
interface Broker {
  readonly nodeId: number;
  readonly calls: string[];
  initProducerId(): Promise<{ producerId: number; producerEpoch: number }>;
  addPartitionsToTxn(): Promise<void>;
  addOffsetsToTxn(): Promise<void>;
  txnOffsetCommit(): Promise<void>;
  endTxn(): Promise<void>;
}
interface Manager {
  initProducerId(): Promise<void>;
  beginTransaction(): void;
  addPartitionsToTransaction(topics: { topic: string; partitions: { partition: number }[] }[]): Promise<void>;
  sendOffsets(args: { consumerGroupId: string; topics: unknown[] }): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}
type CreateManager = (options: Record<string, unknown>) => Manager;

const FILE = 'src/producer/eosManager/index.js';
const patched = installed<CreateManager>(FILE);
const originalManager = original<CreateManager>(FILE);

const protocolError = (type: string) => Object.assign(new Error(type), { type, retriable: true });

/** A broker that answers every request, except those `failures` says must fail (by request name, once each). */
function fakeBroker(nodeId: number, failures: Map<string, string> = new Map()): Broker {
  const calls: string[] = [];
  const answer = (name: string) => async () => {
    calls.push(name);
    const failure = failures.get(name);
    if (failure !== undefined) {
      failures.delete(name);
      throw protocolError(failure);
    }
  };
  return {
    nodeId,
    calls,
    initProducerId: async () => {
      calls.push('initProducerId');
      return { producerId: 7, producerEpoch: 0 };
    },
    addPartitionsToTxn: answer('addPartitionsToTxn'),
    addOffsetsToTxn: answer('addOffsetsToTxn'),
    txnOffsetCommit: answer('txnOffsetCommit'),
    endTxn: answer('endTxn'),
  };
}

/** A cluster whose coordinator lookups are counted; `coordinator` says which broker each lookup finds. */
function fakeCluster(coordinator: () => Broker) {
  const lookups: string[] = [];
  return {
    lookups,
    cluster: {
      retry: { retries: 3, initialRetryTime: 1, maxRetryTime: 5 },
      refreshMetadataIfNecessary: async () => undefined,
      findGroupCoordinator: async ({
        groupId,
        coordinatorType,
      }: {
        groupId: string;
        coordinatorType: number;
      }) => {
        lookups.push(`${coordinatorType}:${groupId}`);
        return coordinator();
      },
    },
  };
}

const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const managerOf = (create: CreateManager, cluster: unknown) =>
  create({ logger, cluster, transactional: true, transactionalId: 'txn-a' });

async function transaction(manager: Manager): Promise<void> {
  manager.beginTransaction();
  await manager.addPartitionsToTransaction([{ topic: 'out', partitions: [{ partition: 0 }] }]);
  await manager.sendOffsets({
    consumerGroupId: 'group-a',
    topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '10' }] }],
  });
  await manager.commit();
}

describe('remembered coordinators', () => {
  it('asks the cluster for each coordinator once, where the original asks before every request', async () => {
    const broker = fakeBroker(1);
    const remembered = fakeCluster(() => broker);
    const withMemory = managerOf(patched, remembered.cluster);
    await withMemory.initProducerId();
    for (let i = 0; i < 3; i++) await transaction(withMemory);
    // Transaction coordinator (type 1) and group coordinator (type 0), once each.
    expect(remembered.lookups).toEqual(['1:txn-a', '0:group-a']);

    const asked = fakeCluster(() => broker);
    const plain = managerOf(originalManager, asked.cluster);
    await plain.initProducerId();
    for (let i = 0; i < 3; i++) await transaction(plain);
    expect(asked.lookups).toHaveLength(1 + 3 * 4);
    // Either way the broker saw the same transactional requests.
    expect(broker.calls.filter((c) => c === 'endTxn')).toHaveLength(6);
  });

  it('forgets what it remembered when a request fails, so the next operation asks again', async () => {
    const failures = new Map([['addPartitionsToTxn', 'NOT_COORDINATOR']]);
    const stale = fakeBroker(1, failures);
    const current = fakeBroker(2);
    let coordinator = stale;
    const { cluster, lookups } = fakeCluster(() => coordinator);
    const manager = managerOf(patched, cluster);
    await manager.initProducerId();
    manager.beginTransaction();
    // The coordinator moved: the request to the old one fails, and the transaction is aborted.
    coordinator = current;
    await expect(
      manager.addPartitionsToTransaction([{ topic: 'out', partitions: [{ partition: 0 }] }]),
    ).rejects.toThrow('NOT_COORDINATOR');
    await manager.abort();
    await transaction(manager);
    expect(lookups.filter((l) => l === '1:txn-a')).toHaveLength(2);
    expect(current.calls).toEqual(['addPartitionsToTxn', 'addOffsetsToTxn', 'txnOffsetCommit', 'endTxn']);
  });

  it("hands the original's retry a fresh group coordinator, not the remembered stale one", async () => {
    const failures = new Map([['txnOffsetCommit', 'NOT_COORDINATOR']]);
    const stale = fakeBroker(1, failures);
    const moved = fakeBroker(2);
    let groupCoordinator = stale;
    const { cluster } = fakeCluster(() => groupCoordinator);
    const manager = managerOf(patched, cluster);
    await manager.initProducerId();
    await transaction(manager);
    // The group coordinator moves while the next transaction's offsets are being committed.
    failures.set('txnOffsetCommit', 'NOT_COORDINATOR');
    groupCoordinator = moved;
    manager.beginTransaction();
    await manager.sendOffsets({
      consumerGroupId: 'group-a',
      topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '20' }] }],
    });
    await manager.commit();
    expect(moved.calls).toContain('txnOffsetCommit');
  });
});
