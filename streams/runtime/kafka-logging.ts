import { type logCreator, logLevel } from 'kafkajs';

/**
 * kafkajs logs, at ERROR, broker answers it then retries by itself (a
 * transaction still being completed, a group rebalancing). They are not errors
 * of ours; the runtime reports what matters as named events. Everything else
 * is written as one JSON line to stderr.
 */
const EXPECTED_WHILE_RETRYING = [
  'another concurrent operation on the same transaction',
  'The group is rebalancing',
  'The coordinator is loading',
  'The group coordinator is not available',
];

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
    `${JSON.stringify({ level: logLevel[entry.level], logger: entry.namespace, ...entry.log })}\n`,
  );
};
