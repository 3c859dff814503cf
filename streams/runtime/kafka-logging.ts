import { type logCreator, logLevel } from 'kafkajs';

/**
 * kafkajs logs, at ERROR, broker answers it then retries by itself (a
 * transaction still being completed, a group rebalancing, metadata of a topic
 * created a moment ago not yet everywhere). They are not errors of ours: if
 * the retries run out, the call fails and the runtime reports it as a named
 * event. Everything else is written as one JSON line to stderr.
 */
const EXPECTED_WHILE_RETRYING = [
  'another concurrent operation on the same transaction',
  'The group is rebalancing',
  'The coordinator is loading',
  'The group coordinator is not available',
  'This is not the correct coordinator',
  'This server does not host this topic-partition',
  'There is no leader for this topic-partition',
  'This server is not the leader for that topic-partition',
  'Topic with this name already exists',
];

// kafkajs' logLevel is a plain object (no reverse mapping like a TypeScript enum's).
const LEVEL_NAMES = new Map(Object.entries(logLevel).map(([name, level]) => [level as number, name]));

export const runtimeLogCreator: logCreator = () => (entry) => {
  const message = entry.log.message ?? '';
  const error = String((entry.log as { error?: unknown }).error ?? '');
  if (
    entry.level <= logLevel.ERROR &&
    EXPECTED_WHILE_RETRYING.some((m) => message.includes(m) || error.includes(m))
  ) {
    return;
  }
  process.stderr.write(
    `${JSON.stringify({ level: LEVEL_NAMES.get(entry.level), logger: entry.namespace, ...entry.log })}\n`,
  );
};
