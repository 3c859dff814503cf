/**
 * Writes a seeded sample market as JSON lines, one file per input topic, that
 * `npm run produce` accepts: `npm run sample -- --symbols 200 --sessions 120
 * --seed 7 --out DIR`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFlags } from '../config/cli-flags.ts';
import { ConfigError } from '../config/endpoints.ts';
import { loadSettings, type Settings } from '../config/settings.ts';
import { sampleInputs } from '../sample/inputs.ts';
import { generateSampleMarket } from '../sample/market.ts';
import { DEFAULT_SAMPLE_OPTIONS, SampleOptionsError, sampleOptions } from '../sample/options.ts';

const USAGE = `usage: npm run sample -- --out DIR [--symbols N] [--sessions N] [--seed N] [--start YYYY-MM-DD] [--candidates N]
  --out         folder for amc.discovery.runs.v1.jsonl, amc.portfolio.positions.v1.jsonl, amc.market.bars.v1.jsonl
  --symbols     symbols in the universe (default ${DEFAULT_SAMPLE_OPTIONS.symbols})
  --sessions    exchange sessions of history (default ${DEFAULT_SAMPLE_OPTIONS.sessions})
  --seed        the same seed gives the same market (default ${DEFAULT_SAMPLE_OPTIONS.seed})
  --start       the first session is on or after this date (default: the history ends with the last full session before today)
  --candidates  candidates per discovery run (default ${DEFAULT_SAMPLE_OPTIONS.candidatesPerRun})
  sessions and local times follow the job's exchange calendar (AMC_CONFIG's calendar section: time zone, holidays, extra closures)
  then: npm run produce -- --topic <topic> --file DIR/<topic>.jsonl, runs and positions before bars`;

function main(): number {
  const flags = parseFlags(process.argv.slice(2), {
    values: ['--out', '--symbols', '--sessions', '--seed', '--start', '--candidates'],
    switches: [],
  });
  if (!flags.ok) {
    if (flags.help) console.log(USAGE);
    else console.error(`${flags.message}\n${USAGE}`);
    return flags.help ? 0 : 2;
  }
  const out = flags.values.get('--out');
  if (out === undefined) {
    console.error(`--out is required\n${USAGE}`);
    return 2;
  }
  const number = (flag: string) => {
    const raw = flags.values.get(flag);
    return raw === undefined ? undefined : Number(raw);
  };
  let options: ReturnType<typeof sampleOptions>;
  try {
    options = sampleOptions(
      Object.fromEntries(
        Object.entries({
          symbols: number('--symbols'),
          sessions: number('--sessions'),
          seed: number('--seed'),
          start: flags.values.get('--start'),
          candidatesPerRun: number('--candidates'),
        }).filter(([, v]) => v !== undefined),
      ),
    );
  } catch (error) {
    if (!(error instanceof SampleOptionsError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const market = generateSampleMarket(options, Date.now(), settings.calendar);
  const last = market.sessions[market.sessions.length - 1]!;
  if (Date.parse(`${last}T23:59:59Z`) > Date.now()) {
    console.error(
      `the last session (${last}) would lie in the future: choose an earlier --start or fewer --sessions`,
    );
    return 2;
  }
  const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), out);
  mkdirSync(dir, { recursive: true });
  for (const input of sampleInputs(market)) {
    const file = path.join(dir, `${input.topic}.jsonl`);
    writeFileSync(file, `${input.records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    console.log(`${input.records.length} records → ${file}`);
  }
  console.log(
    `sessions ${market.sessions[0]} to ${last}; ${options.symbols} symbols (${market.halted} halted 3 sessions, ` +
      `${market.delisted} delisted); seed ${options.seed}`,
  );
  return 0;
}

process.exitCode = main();
