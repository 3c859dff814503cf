// Imports AMC-TRADER's files (scan files, the scan log, holdings, Polygon
// bars) into the project's input topics, or watches a scanner folder live.
// Usage: npm run import:amc-trader -- <kind> <file...> [options]; --help for all of it.
import { readFile } from 'node:fs/promises';
import { refusedRows } from '../bridges/amc-trader/batch.ts';
import { IMPORTER_USAGE, type ImporterArgs, parseImporterArgs } from '../bridges/amc-trader/cli/args.ts';
import { loadImportOptions } from '../bridges/amc-trader/cli/load-options.ts';
import { type ImportKind, importFiles, type SourceFile } from '../bridges/amc-trader/import-files.ts';
import {
  describeBatch,
  kafkaTarget,
  printingTarget,
  publishBatch,
} from '../bridges/amc-trader/publish-batch.ts';
import { formatRefusal } from '../bridges/amc-trader/refusals.ts';
import { runWatch } from '../bridges/amc-trader/watch/run-watch.ts';
import { loadSettings } from '../config/settings.ts';
import { connectPublisher } from '../streams/serde/cli/connect-publisher.ts';
import { EXIT_INFRASTRUCTURE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE } from '../streams/serde/cli/exit-codes.ts';

async function readSources(paths: readonly string[]): Promise<SourceFile[] | string> {
  const files: SourceFile[] = [];
  for (const path of paths) {
    try {
      files.push({ name: path, text: await readFile(path, 'utf8') });
    } catch (error) {
      return `cannot read ${path}: ${(error as Error).message}`;
    }
  }
  return files;
}

async function runImport(
  args: ImporterArgs & { kind: ImportKind },
  connection: { brokers: readonly string[]; registryUrl: string; topicPrefix: string },
): Promise<number> {
  const loaded = await loadImportOptions(args, Date.now());
  if (!loaded.ok) {
    console.error(`${loaded.message}\n${IMPORTER_USAGE}`);
    return EXIT_USAGE;
  }
  const files = await readSources(args.paths);
  if (typeof files === 'string') {
    console.error(files);
    return EXIT_USAGE;
  }
  const batch = importFiles(args.kind, files, loaded.options);
  for (const refused of batch.refusals) console.error(formatRefusal(refused));
  for (const notice of batch.notices) console.error(`note: ${notice}`);
  const refused = refusedRows(batch);
  if (args.dryRun) {
    const topicOf = (contract: string) => `${connection.topicPrefix}${contract}`;
    await publishBatch(
      batch,
      printingTarget(topicOf, (line) => console.log(line)),
    );
    console.error(`would publish ${describeBatch(batch)}; ${refused} rows refused (dry run)`);
  } else {
    try {
      const publisher = await connectPublisher({ ...connection, clientId: 'amc-learning-import-amc-trader' });
      try {
        await publishBatch(batch, kafkaTarget(publisher));
      } finally {
        await publisher.close();
      }
    } catch (error) {
      const message = (error as Error).message;
      // Auto-creation is off: the job creates its topics when it starts.
      const hint = /does not host this topic/.test(message)
        ? ' (start the job first: it creates the topics)'
        : '';
      console.error(`publishing failed: ${message}${hint}`);
      return EXIT_INFRASTRUCTURE;
    }
    console.log(
      `published ${describeBatch(batch)} (topic prefix "${connection.topicPrefix}"); ${refused} rows refused`,
    );
  }
  return refused > 0 ? EXIT_REFUSED : EXIT_OK;
}

async function main(): Promise<number> {
  // npm runs scripts from the package folder; file names are the user's, relative to where they typed them.
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  const parsed = parseImporterArgs(process.argv.slice(2));
  if (!parsed.ok) {
    (parsed.help ? console.log : console.error)(parsed.message);
    return parsed.help ? EXIT_OK : EXIT_USAGE;
  }
  let connection: { brokers: readonly string[]; registryUrl: string; topicPrefix: string };
  try {
    // The job's own configuration (AMC_CONFIG and the environment): both meet on the same topics.
    const { endpoints, job } = loadSettings();
    connection = {
      brokers: endpoints.kafkaBrokers,
      registryUrl: endpoints.schemaRegistryUrl,
      topicPrefix: job.topicPrefix,
    };
  } catch (error) {
    console.error((error as Error).message);
    return EXIT_USAGE;
  }
  const { args } = parsed;
  if (args.kind === 'watch') return runWatch(args, connection);
  return runImport({ ...args, kind: args.kind }, connection);
}

process.exitCode = await main();
