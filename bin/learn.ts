// Asks the learning coordinator for a cycle: npm run learn -- --now
import { Kafka, logLevel } from 'kafkajs';
import { loadSettings, type Settings } from '../config/settings.ts';
import { learningTopicsFor } from '../streams/app/job-config.ts';
import { CommandRefusedError, createCommandPublisher } from '../streams/learning/command-publisher.ts';
import { onDemandCycleId } from '../streams/learning/domain/index.ts';
import { parseLearnArgs } from '../streams/learning/learn-args.ts';

const EXIT_USAGE = 2;
const EXIT_INFRASTRUCTURE = 3;

async function main(): Promise<number> {
  const parsed = parseLearnArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    (parsed.help ? console.log : console.error)(parsed.message);
    return parsed.help ? 0 : EXIT_USAGE;
  }
  let settings: Settings;
  try {
    // The job's own configuration (AMC_CONFIG and the environment): both meet on the same topic.
    settings = loadSettings();
  } catch (error) {
    console.error((error as Error).message);
    return EXIT_USAGE;
  }
  const topic = learningTopicsFor(settings.job).commands;
  const kafka = new Kafka({
    clientId: 'amc-learning-learn',
    brokers: [...settings.endpoints.kafkaBrokers],
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) {
      console.error(`no topic ${topic}: the coordinator creates it when it starts (npm start)`);
      return EXIT_INFRASTRUCTURE;
    }
    const publisher = await createCommandPublisher({ kafka, topic });
    try {
      const { at, by } = parsed.options;
      const command = await publisher.runCycle({
        requestedBy: by,
        ...(at === null ? {} : { requestedAt: at }),
      });
      console.log(
        `requested cycle ${onDemandCycleId(command.command_id)} as of ${new Date(command.requested_at).toISOString()} (by ${by})`,
      );
      return 0;
    } finally {
      await publisher.close();
    }
  } catch (error) {
    console.error(
      error instanceof CommandRefusedError ? error.message : `learn failed: ${(error as Error).message}`,
    );
    return error instanceof CommandRefusedError ? EXIT_USAGE : EXIT_INFRASTRUCTURE;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

process.exitCode = await main();
