import { logLevel } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runtimeLogCreator } from '../../../streams/runtime/kafka-logging.ts';

const log = runtimeLogCreator(logLevel.INFO);
const entry = (level: logLevel, message: string, error?: string) => ({
  namespace: 'Connection',
  level,
  label: logLevel[level],
  log: { timestamp: '2026-11-28T00:00:00.000Z', message, ...(error ? { error } : {}) },
});

describe('kafkajs log lines', () => {
  const written = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterEach(() => written.mockClear());

  it.each([
    [
      'a topic created a moment ago',
      'Response Metadata(key: 3, version: 6)',
      'This server does not host this topic-partition',
    ],
    [
      'a leader named a moment before it serves the partition',
      'Response ListOffsets(key: 2, version: 3)',
      'This server is not the leader for that topic-partition',
    ],
    [
      'a transaction coordinator not yet settled on a new broker',
      'Response InitProducerId(key: 22, version: 1)',
      'This is not the correct coordinator for this group',
    ],
    ['a race to create a topic', 'Topic creation errors', 'Topic with this name already exists'],
    ['a rebalance', 'Response JoinGroup', 'The group is rebalancing, so a rejoin is needed'],
  ])('drops the ERROR kafkajs retries by itself: %s', (_why, message, error) => {
    log(entry(logLevel.ERROR, message, error));
    expect(written).not.toHaveBeenCalled();
  });

  it('writes any other error as one JSON line', () => {
    log(entry(logLevel.ERROR, 'Response Produce', 'The request included a message larger than the max'));
    expect(written).toHaveBeenCalledTimes(1);
    const line = String(written.mock.calls[0]![0]);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({
      level: 'ERROR',
      logger: 'Connection',
      message: 'Response Produce',
    });
  });
});
