/**
 * The main job: the recommendation tracker, the discovery monitor, the
 * buy-the-dip validator, the learning coordinator and the alerts stream,
 * exactly once, with the ClickHouse sink and the HTTP API beside them, each
 * behind its switch. With no endpoint configured it runs on the local
 * stack, which it brings up first, and publishes a sample market when the
 * input topics are empty; once that has landed in ClickHouse it prints what
 * the data says. Then it runs until SIGINT or SIGTERM (graceful: open
 * transactions commit or abort, the consumer groups are left), or exits
 * with --once.
 */
import type { Kafka } from 'kafkajs';
import { createQueryRunner } from '../api/clickhouse/query-runner.ts';
import { identitiesOf } from '../config/identity.ts';
import { generateSampleMarket, type SampleMarket } from '../sample/market.ts';
import { SampleOptionsError, sampleOptions } from '../sample/options.ts';
import { settleIdentities } from '../streams/app/identity-store.ts';
import { requestClosingCycle } from '../streams/app/job/closing-cycle.ts';
import { landingProblems } from '../streams/app/job/expectations.ts';
import { waitUntilLanded } from '../streams/app/job/landing.ts';
import { progressLine } from '../streams/app/job/progress.ts';
import { inputsEmpty, publishSample } from '../streams/app/job/sample-feed.ts';
import { startServices } from '../streams/app/job/services.ts';
import { formatSummary } from '../streams/app/job/summary-format.ts';
import { readSummary } from '../streams/app/job/summary-queries.ts';
import type { Serde } from '../streams/serde/index.ts';
import { createPublisher } from '../streams/serde/publish.ts';
import {
  connect,
  EXIT_FAILED,
  EXIT_USAGE,
  invoke,
  localStackIfMeant,
  runService,
  stopOnSignals,
} from './service.ts';

const USAGE = `usage: npm start -- [flags]
  --once               exit after the summary: 0 when everything landed, 1 with the reason when not
  --no-sample          do not publish the sample market (for real upstream producers and the AMC-TRADER bridge)
  --sample-symbols N   the sample's universe (default 200)
  --sample-sessions N  the sample's sessions of history (default 120)
  --sample-seed N      the sample's seed (default 7)
  --print-config       print the configuration in force, with where each value came from, and exit
  --reset-state        rebuild the state of processors whose rules changed (otherwise such a start is refused)
  configuration: AMC_CONFIG names a JSON or YAML file (config/amc-learning.schema.json); see README`;

function sampleFrom(values: ReadonlyMap<string, string>) {
  const number = (flag: string) => (values.has(flag) ? Number(values.get(flag)) : undefined);
  const given = {
    symbols: number('--sample-symbols'),
    sessions: number('--sample-sessions'),
    seed: number('--sample-seed'),
  };
  return sampleOptions(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
}

async function publishTheSample(kafka: Kafka, serde: Serde, market: SampleMarket, topicPrefix: string) {
  const publisher = await createPublisher({ kafka, serde, topicPrefix });
  const progress = progressLine(process.stdout, '[amc-learning] publishing', 'records');
  try {
    const published = await publishSample(publisher, market, (done, total) => progress.update(done, total));
    progress.finish(`${published.toLocaleString('en-US')} records`);
  } finally {
    await publisher.close();
  }
}

async function main(): Promise<number | undefined> {
  const invocation = invoke({
    name: 'amc-learning',
    usage: USAGE,
    flags: {
      values: ['--sample-symbols', '--sample-sessions', '--sample-seed'],
      switches: ['--reset-state', '--once', '--no-sample'],
    },
  });
  if (typeof invocation === 'number') return invocation;
  const { settings, log } = invocation;
  let sample: ReturnType<typeof sampleOptions> | null = null;
  try {
    if (!invocation.switches.has('--no-sample')) sample = sampleFrom(invocation.values);
  } catch (error) {
    if (!(error instanceof SampleOptionsError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const once = invocation.switches.has('--once');
  const { switches, job, endpoints } = settings;
  await localStackIfMeant(settings, log);
  const parts = [switches.tracker, switches.monitor, switches.dips, switches.coordinator, switches.sinks];
  if (!switches.learning || !parts.some(Boolean)) {
    log(
      'nothing switched on (AMC_LEARNING_ENABLED and the AMC_LEARNING_<PART>_ENABLED switches): nothing to run',
    );
    return undefined;
  }
  const { kafka, serde } = connect(settings, job.applicationId);
  const epochs = await settleIdentities({
    kafka,
    applicationId: job.applicationId,
    identities: identitiesOf(settings),
    resetState: invocation.switches.has('--reset-state'),
    log,
  });
  const services = await startServices({ kafka, serde, settings, epochs, log });
  const stop = stopOnSignals(() => services.stop(), log);
  void services.failed.then((reason) => stop(reason, EXIT_FAILED));
  const on = (flag: boolean) => (flag ? 'on' : 'off');
  log(
    `running: tracker ${on(switches.tracker)}, monitor ${on(switches.monitor)}, dips ${on(switches.dips)}, ` +
      `coordinator ${on(switches.coordinator)} (auto-apply ${on(switches.autoApply)}), alerts ${on(switches.alerts)}, ` +
      `sink ${on(switches.sinks)}, API ${services.api ? services.api.url : 'off'}; application id ${job.applicationId}`,
  );

  let market: SampleMarket | null = null;
  if (sample !== null) {
    const admin = kafka.admin();
    await admin.connect();
    const empty = await inputsEmpty(admin, job.topicPrefix).finally(() => admin.disconnect());
    if (empty) {
      market = generateSampleMarket(sample);
      log(
        `the input topics are empty: publishing a sample market of ${sample.symbols} symbols over ${sample.sessions} ` +
          `sessions (${market.sessions[0]} to ${market.sessions.at(-1)}, seed ${sample.seed}; --no-sample to skip)`,
      );
      await publishTheSample(kafka, serde, market, job.topicPrefix);
    } else log('the input topics already hold records: no sample published');
  }
  if (market !== null || once) {
    const landing = () =>
      waitUntilLanded(
        kafka,
        services.groups,
        progressLine(process.stdout, '[amc-learning] processing', 'records'),
      );
    await landing();
    if (market !== null && switches.coordinator) {
      // As of the evening of the last session: after its bars, runs and positions.
      const at = Date.parse(`${market.sessions.at(-1)}T23:00:00Z`);
      const id = await requestClosingCycle(kafka, job, at);
      log(`learning cycle requested as of the sample's end (command ${id}): it sees every outcome`);
      await landing();
    }
    if (!switches.sinks) log('the sink is switched off: nothing in ClickHouse to summarise');
    else {
      const queries = createQueryRunner({
        url: endpoints.clickhouseUrl,
        database: services.database,
        timeoutMs: 30_000,
      });
      try {
        const summary = await readSummary(queries);
        console.log(
          formatSummary(summary, {
            api: services.api?.url ?? null,
            tokenSet: settings.api.token !== undefined,
          }),
        );
        const problems = market === null ? [] : landingProblems(summary, market, switches);
        if (once) {
          for (const problem of problems) log(`did not land: ${problem}`);
          stop(
            problems.length === 0 ? 'done (--once)' : 'something did not land',
            problems.length === 0 ? 0 : 1,
          );
          return undefined;
        }
      } finally {
        await queries.close();
      }
    }
    if (once) {
      stop('done (--once)');
      return undefined;
    }
  }
  log('running until Ctrl-C: anything published upstream is processed as it arrives');
  return undefined;
}

runService('amc-learning', main);
