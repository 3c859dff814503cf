/**
 * What every service command shares, so each says only what it runs: its
 * flags (an unknown one refused with the usage), the configuration in force
 * (printed by --print-config), the local stack brought up when no endpoint
 * is configured, a Kafka client logging through the runtime's logger, the
 * serde on the configured registry, and a graceful stop on SIGINT or
 * SIGTERM. An error the operator can fix is said in one line and nothing
 * starts. Not a command itself.
 */
import { Kafka, logLevel } from 'kafkajs';
import { type FlagSpec, parseFlags } from '../config/cli-flags.ts';
import { ConfigError } from '../config/endpoints.ts';
import { formatSettings } from '../config/print-config.ts';
import { loadSettings, type Settings } from '../config/settings.ts';
import { StackError } from '../stack/process.ts';
import { formatStatus, stackStatus, stackUp } from '../stack/stack.ts';
import { ConfigIdentityError } from '../streams/app/identity-store.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { createHttpRegistryClient, createSerde, type Serde } from '../streams/serde/index.ts';

type Env = Readonly<Record<string, string | undefined>>;
export type Log = (message: string) => void;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface ServiceCommand {
  /** Prefix of its log lines: `[name] ...`. */
  readonly name: string;
  readonly usage: string;
  /** Its own flags, besides --print-config and --help. */
  readonly flags?: Partial<FlagSpec>;
}

export interface Invocation {
  readonly settings: Settings;
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
  readonly log: Log;
}

/** Where a command writes; the console, unless a test listens. */
export interface Console {
  out(line: string): void;
  err(line: string): void;
}

const CONSOLE: Console = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * The command's flags, then the configuration in force. An exit code instead
 * when the run ends here: --help, a refused flag, --print-config.
 */
export function invoke(
  command: ServiceCommand,
  argv: readonly string[] = process.argv.slice(2),
  env: Env = process.env,
  io: Console = CONSOLE,
): Invocation | number {
  const flags = parseFlags(argv, {
    values: command.flags?.values ?? [],
    switches: ['--print-config', ...(command.flags?.switches ?? [])],
  });
  if (!flags.ok) {
    if (flags.help) io.out(command.usage);
    else io.err(`${flags.message}\n${command.usage}`);
    return flags.help ? EXIT_OK : EXIT_USAGE;
  }
  const settings = loadSettings(env);
  if (flags.switches.has('--print-config')) {
    io.out(formatSettings(settings));
    return EXIT_OK;
  }
  const log: Log = (message) => io.out(`[${command.name}] ${message}`);
  return { settings, values: flags.values, switches: flags.switches, log };
}

/** Brings the local stack up when no endpoint is configured (file or environment): the local stack is meant. */
export async function localStackIfMeant(
  settings: Settings,
  log: Log,
  stack = { up: stackUp, status: stackStatus },
): Promise<void> {
  if (!settings.usesLocalStack) return;
  const { started } = await stack.up();
  log(started.length > 0 ? `local stack started: ${started.join(', ')}` : 'local stack already up');
  for (const line of formatStatus(await stack.status()).split('\n')) log(line);
}

/** A Kafka client and the serde on the configured endpoints. Nothing connects until used. */
export function connect(settings: Settings, clientId: string): { kafka: Kafka; serde: Serde } {
  const kafka = new Kafka({
    clientId,
    brokers: [...settings.endpoints.kafkaBrokers],
    logLevel: logLevel.WARN,
    logCreator: runtimeLogCreator,
  });
  const registry = createHttpRegistryClient({ url: settings.endpoints.schemaRegistryUrl });
  return { kafka, serde: createSerde({ registry }) };
}

export interface ProcessHooks {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): void;
}

/**
 * Stops the service once, on SIGINT or SIGTERM or when it is called (a fatal
 * error: pass its exit code), then exits: 0 after a clean stop on a signal,
 * the given code otherwise, 1 when stopping itself failed.
 */
export function stopOnSignals(
  stop: () => Promise<void>,
  log: Log,
  hooks: ProcessHooks = process,
): (reason: string, exitCode?: number) => void {
  let stopping = false;
  const stopWith = (reason: string, exitCode = EXIT_OK) => {
    if (stopping) return;
    stopping = true;
    log(`${reason}: stopping`);
    stop().then(
      () => hooks.exit(exitCode),
      (error: unknown) => {
        console.error(error);
        hooks.exit(EXIT_FAILED);
      },
    );
  };
  hooks.on('SIGTERM', () => stopWith('SIGTERM'));
  hooks.on('SIGINT', () => stopWith('SIGINT'));
  return stopWith;
}

/** Errors an operator can fix: said plainly, without a stack trace, and nothing starts. */
const OPERATOR_ERRORS = [StackError, ConfigError, ConfigIdentityError];

/** The exit code and the lines an error ends a command with. */
export function failure(name: string, error: unknown): { code: number; message: unknown } {
  const known = OPERATOR_ERRORS.some((kind) => error instanceof kind);
  if (!known) return { code: EXIT_FAILED, message: error };
  // A stack that would not come up may come up on a retry; a bad setting will not.
  return {
    code: error instanceof StackError ? EXIT_FAILED : EXIT_USAGE,
    message: `[${name}] ${(error as Error).message}`,
  };
}

/** Runs a command's main: an exit code it returns ends the process; undefined leaves its service running. */
export function runService(name: string, main: () => Promise<number | undefined>): void {
  main().then(
    (code) => {
      if (code !== undefined) process.exit(code);
    },
    (error: unknown) => {
      const { code, message } = failure(name, error);
      console.error(message);
      process.exit(code);
    },
  );
}
