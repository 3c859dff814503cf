/**
 * The main job. On the local stack (no endpoint variables set) it first brings
 * the stack up. The processors attach here as they are built; until then the
 * job reports the services it would run against.
 */
import { loadEndpoints, usesLocalStack } from '../config/endpoints.ts';
import { StackError } from '../stack/process.ts';
import { formatStatus, stackStatus, stackUp } from '../stack/stack.ts';

async function main(): Promise<void> {
  const endpoints = loadEndpoints();
  if (usesLocalStack()) {
    const { started } = await stackUp();
    console.log(
      started.length > 0
        ? `[amc-learning] local stack started: ${started.join(', ')}`
        : '[amc-learning] local stack already up',
    );
    console.log(formatStatus(await stackStatus()));
  } else {
    console.log(
      `[amc-learning] Kafka ${endpoints.kafkaBrokers.join(',')}, registry ${endpoints.schemaRegistryUrl}, ClickHouse ${endpoints.clickhouseUrl}`,
    );
  }
  console.log(
    '[amc-learning] no processors are enabled yet; the stack stays up (npm run stack:down stops it)',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof StackError ? `[amc-learning] ${err.message}` : err);
  process.exit(1);
});
