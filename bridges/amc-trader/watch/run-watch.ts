// `import:amc-trader -- watch DIR`: the live bridge as a command. Runs until
// SIGINT or SIGTERM, then finishes the look under way and exits 0.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectPublisher } from '../../../streams/serde/cli/connect-publisher.ts';
import { EXIT_INFRASTRUCTURE, EXIT_OK, EXIT_USAGE } from '../../../streams/serde/cli/exit-codes.ts';
import { DEFAULT_FUTURE_MARGIN_MS } from '../../../streams/serde/generic-checks.ts';
import type { ImporterArgs } from '../cli/args.ts';
import { IMPORTER_USAGE } from '../cli/args.ts';
import { loadImportOptions } from '../cli/load-options.ts';
import { type BatchTarget, kafkaTarget, printingTarget } from '../publish-batch.ts';
import { formatRefusal } from '../refusals.ts';
import { startWatcher, type WatchEvent } from './watcher.ts';

export const DEFAULT_STATE_DIR_NAME = '.amc-learning-bridge';

function report(event: WatchEvent): void {
  switch (event.type) {
    case 'PUBLISHED':
      console.log(`published ${event.runId} (${event.candidates} candidates) from ${event.file}`);
      return;
    case 'SKIPPED':
      console.log(`skipped ${event.file}: ${event.reason}`);
      return;
    case 'WAITING':
      console.log(`waiting for ${event.file}: ${event.reason}`);
      return;
    case 'REFUSED':
      console.error(formatRefusal(event.refusal));
      return;
    case 'NOTICE':
      console.error(`note: ${event.message}`);
      return;
    case 'FAILED':
      console.error(`${event.file}: ${event.error.message} (tried again at the next look)`);
      return;
  }
}

export async function runWatch(
  args: ImporterArgs,
  connection: { brokers: readonly string[]; registryUrl: string; topicPrefix: string },
): Promise<number> {
  const dir = path.resolve(args.paths[0] as string);
  const loaded = await loadImportOptions(args, Date.now());
  if (!loaded.ok) {
    console.error(`${loaded.message}\n${IMPORTER_USAGE}`);
    return EXIT_USAGE;
  }
  let target: BatchTarget;
  let close = async () => {};
  if (args.dryRun) {
    target = printingTarget(
      (contract) => `${connection.topicPrefix}${contract}`,
      (line) => console.log(line),
    );
  } else {
    try {
      const publisher = await connectPublisher({ ...connection, clientId: 'amc-learning-bridge-amc-trader' });
      target = kafkaTarget(publisher);
      close = () => publisher.close();
    } catch (error) {
      console.error(`connecting to Kafka failed: ${(error as Error).message}`);
      return EXIT_INFRASTRUCTURE;
    }
  }
  const watcher = await startWatcher({
    dir,
    // A dry run must not remember anything: a later real run would skip what was only printed.
    stateDir: args.dryRun
      ? path.join(tmpdir(), `amc-bridge-dry-run-${process.pid}`)
      : (args.stateDir ?? path.join(dir, DEFAULT_STATE_DIR_NAME)),
    target,
    onEvent: report,
    now: () => Date.now(),
    futureMarginMs: DEFAULT_FUTURE_MARGIN_MS,
    weights: loaded.options.weights,
    v3MaxPoints: loaded.options.v3MaxPoints,
  });
  console.log(`watching ${dir}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await watcher.stop();
  await close();
  return EXIT_OK;
}
