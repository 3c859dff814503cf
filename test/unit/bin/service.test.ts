import { afterAll, describe, expect, it } from 'vitest';
import {
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  failure,
  type Invocation,
  invoke,
  localStackIfMeant,
  type ProcessHooks,
  stopOnSignals,
} from '../../../bin/service.ts';
import { ConfigError } from '../../../config/endpoints.ts';
import { loadSettings } from '../../../config/settings.ts';
import { StackError } from '../../../stack/process.ts';
import { configFiles } from '../../support/config-files.ts';

const files = configFiles('service-start');
afterAll(files.remove);

const USAGE = 'usage: npm run thing -- [--print-config] [--fast] [--level N]';
const command = { name: 'thing', usage: USAGE, flags: { switches: ['--fast'], values: ['--level'] } };

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('a service command’s start', () => {
  it('refuses an unknown or incomplete flag with the usage, and answers --help with it', () => {
    for (const argv of [['--colour'], ['--level'], ['extra']]) {
      const { err, io } = captured();
      expect(invoke(command, argv, {}, io)).toBe(EXIT_USAGE);
      expect(err.join('\n')).toContain(USAGE);
    }
    const { out, io } = captured();
    expect(invoke(command, ['--help'], {}, io)).toBe(EXIT_OK);
    expect(out).toEqual([USAGE]);
  });

  it('reads the configuration file and hands the command its flags', () => {
    const file = files.write({ endpoints: { kafkaBrokers: ['kafka-a:9092'] }, sink: { batchRows: 10 } });
    const { out, io } = captured();
    const invocation = invoke(command, ['--fast', '--level=3'], { AMC_CONFIG: file }, io) as Invocation;
    expect(invocation.settings.endpoints.kafkaBrokers).toEqual(['kafka-a:9092']);
    expect(invocation.settings.sink.batchRows).toBe(10);
    expect(invocation.settings.usesLocalStack).toBe(false);
    expect([...invocation.switches]).toEqual(['--fast']);
    expect(invocation.values.get('--level')).toBe('3');
    invocation.log('ready');
    expect(out).toEqual(['[thing] ready']);
  });

  it('prints the configuration in force for --print-config and goes no further', () => {
    const file = files.write({ sink: { batchRows: 10 } });
    const { out, io } = captured();
    expect(invoke(command, ['--print-config'], { AMC_CONFIG: file }, io)).toBe(EXIT_OK);
    expect(out.join('\n')).toMatch(/^sink\.batchRows\s+10\s+file$/m);
  });

  it('says a bad setting in one line with its path, exit 2; a stack that would not start, exit 1', () => {
    const file = files.write({ sink: { batchRows: 0 } });
    let error: unknown;
    try {
      invoke(command, [], { AMC_CONFIG: file }, captured().io);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(failure('thing', error)).toEqual({
      code: EXIT_USAGE,
      message: expect.stringMatching(/^\[thing\] invalid configuration sink\.batchRows: must be >= 1/),
    });
    expect(failure('thing', new StackError('kafka did not answer')).code).toBe(EXIT_FAILED);
    const unexpected = new Error('bug');
    expect(failure('thing', unexpected)).toEqual({ code: EXIT_FAILED, message: unexpected });
  });

  it('brings the local stack up only when no endpoint is configured', async () => {
    let ups = 0;
    const stack = {
      up: async () => {
        ups++;
        return { started: ['kafka'] };
      },
      status: async () => [],
    };
    const lines: string[] = [];
    await localStackIfMeant(loadSettings({}), (l) => lines.push(l), stack);
    expect(ups).toBe(1);
    expect(lines[0]).toBe('local stack started: kafka');
    const configured = files.load({ endpoints: { clickhouseUrl: 'http://clickhouse.internal:8123' } });
    await localStackIfMeant(configured, (l) => lines.push(l), stack);
    expect(ups).toBe(1);
  });
});

describe('a service command’s stop', () => {
  function hooks() {
    const listeners = new Map<string, () => void>();
    const exits: number[] = [];
    const process: ProcessHooks = {
      on: (signal, listener) => listeners.set(signal, listener),
      exit: (code) => exits.push(code),
    };
    return { process, exits, signal: (name: string) => listeners.get(name)!() };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('stops once on SIGTERM or SIGINT, however many arrive, then exits 0', async () => {
    const { process, exits, signal } = hooks();
    let stops = 0;
    const lines: string[] = [];
    stopOnSignals(
      async () => void stops++,
      (l) => lines.push(l),
      process,
    );
    signal('SIGTERM');
    signal('SIGINT');
    await settle();
    expect(stops).toBe(1);
    expect(exits).toEqual([EXIT_OK]);
    expect(lines).toEqual(['SIGTERM: stopping']);
  });

  it('stops on a fatal error with its exit code, and exits 1 when stopping fails', async () => {
    const fatal = hooks();
    const stop = stopOnSignals(
      async () => undefined,
      () => undefined,
      fatal.process,
    );
    stop('sink failed', EXIT_FAILED);
    await settle();
    expect(fatal.exits).toEqual([EXIT_FAILED]);

    const failing = hooks();
    const original = console.error;
    console.error = () => undefined;
    try {
      stopOnSignals(
        () => Promise.reject(new Error('cannot leave the group')),
        () => undefined,
        failing.process,
      );
      failing.signal('SIGINT');
      await settle();
    } finally {
      console.error = original;
    }
    expect(failing.exits).toEqual([EXIT_FAILED]);
  });
});
