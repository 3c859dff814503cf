import { describe, expect, it } from 'vitest';
import { topicPrefixFromEnv } from '../../../streams/app/job-config.ts';
import { parseProduceArgs } from '../../../streams/serde/cli/produce-args.ts';
import { validateLines } from '../../../streams/serde/cli/validate-lines.ts';
import { SAMPLE_CLOCK, SAMPLES } from '../../fixtures/avro/samples.ts';

const context = { now: SAMPLE_CLOCK, futureMarginMs: 60_000 };

describe('parseProduceArgs', () => {
  it('reads topic, file, brokers and registry, with environment defaults', () => {
    const parsed = parseProduceArgs(['--topic', 'amc.market.bars.v1', '--file=bars.jsonl'], {
      KAFKA_BROKERS: 'a:9092, b:9092',
      SCHEMA_REGISTRY_URL: 'http://reg:8081',
    });
    expect(parsed).toEqual({
      ok: true,
      options: {
        topic: 'amc.market.bars.v1',
        file: 'bars.jsonl',
        brokers: ['a:9092', 'b:9092'],
        registryUrl: 'http://reg:8081',
        dryRun: false,
        topicPrefix: '',
      },
    });
    const flags = parseProduceArgs(
      [
        '--topic',
        'amc.market.bars.v1',
        '--file',
        'f',
        '--brokers',
        'x:1',
        '--registry',
        'http://y',
        '--dry-run',
      ],
      {},
    );
    expect(flags).toMatchObject({
      ok: true,
      options: { brokers: ['x:1'], registryUrl: 'http://y', dryRun: true },
    });
    expect(parseProduceArgs(['--topic', 'amc.market.bars.v1', '--file', 'f'], {})).toMatchObject({
      options: { brokers: ['127.0.0.1:9092'], registryUrl: 'http://127.0.0.1:8081' },
    });
  });

  it.each([
    [[], '--topic is required'],
    [['--topic', 'nope', '--file', 'f'], 'unknown topic nope'],
    [['--topic', 'amc.market.bars.v1'], '--file is required'],
    [['--topic', 'amc.market.bars.v1', '--file'], '--file needs a value'],
    [['--topic', 'amc.market.bars.v1', '--file', 'f', '--colour', 'red'], 'unknown argument --colour'],
    [['--file', 'a', '--file', 'b'], '--file given twice'],
  ])('refuses %j', (argv, message) => {
    const parsed = parseProduceArgs(argv, {});
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('takes the topic prefix the job uses, and refuses a bad one', () => {
    const prefixOf = (env: NodeJS.ProcessEnv) => topicPrefixFromEnv(env);
    const argv = ['--topic', 'amc.market.bars.v1', '--file', 'f'];
    expect(parseProduceArgs(argv, { AMC_TOPIC_PREFIX: 'staging.' }, prefixOf)).toMatchObject({
      ok: true,
      options: { topic: 'amc.market.bars.v1', topicPrefix: 'staging.' },
    });
    const bad = parseProduceArgs(argv, { AMC_TOPIC_PREFIX: 'no spaces' }, prefixOf);
    expect(bad).toMatchObject({ ok: false, help: false });
    if (!bad.ok) expect(bad.message).toContain('AMC_TOPIC_PREFIX');
  });

  it('answers --help with the usage', () => {
    expect(parseProduceArgs(['--help'], {})).toMatchObject({ ok: false, help: true });
  });
});

describe('validateLines', () => {
  const bar = SAMPLES['amc.market.bars.v1'];

  it('keeps good lines with their keys and reports bad ones by line number', () => {
    const { interval: _defaulted, ...withoutInterval } = bar;
    const text = [
      JSON.stringify(bar),
      '',
      '{"symbol": "AMC",',
      JSON.stringify({ ...bar, close: -1 }),
      JSON.stringify({ ...bar, volume: 'many' }),
      JSON.stringify({ ...bar, colour: 'red' }),
      JSON.stringify(withoutInterval),
      JSON.stringify({ ...bar, symbol: '' }),
      JSON.stringify({ ...bar, timestamp: SAMPLE_CLOCK + 3_600_000 }),
      JSON.stringify({ ...bar, timestamp: Date.parse('1969-07-20T20:17:00Z') }),
      JSON.stringify({ ...bar, timestamp: Date.parse('1989-12-31T23:59:59Z') }),
      JSON.stringify({ ...bar, timestamp: Date.parse('1990-01-01T00:00:00Z') }),
    ].join('\n');
    const report = validateLines('amc.market.bars.v1', text, context);
    expect(report.good.map((line) => [line.lineNumber, line.key])).toEqual([
      [1, 'QUBT'],
      [7, 'QUBT'],
      [12, 'QUBT'],
    ]);
    expect(report.good[1]?.record.interval).toBe('1d');
    expect(report.bad.map((line) => [line.lineNumber, line.code])).toEqual([
      [3, 'INVALID_JSON'],
      [4, 'NON_POSITIVE_PRICE'],
      [5, 'SCHEMA_VIOLATION'],
      [6, 'SCHEMA_VIOLATION'],
      [8, 'EMPTY_SYMBOL'],
      [9, 'FUTURE_TIMESTAMP'],
      [10, 'OUT_OF_RANGE'],
      [11, 'OUT_OF_RANGE'],
    ]);
    expect(report.bad[6]?.message).toBe(
      'event time 1969-07-20T20:17:00.000Z is before 1990-01-01T00:00:00.000Z',
    );
    expect(report.bad[2]?.message).toContain('volume');
    expect(report.bad[3]?.message).toContain('colour');
  });

  it('takes nullable fields as plain values and bytes as base64', () => {
    const letter = SAMPLES['amc.learning.dead-letters.v1'];
    const line = JSON.stringify({ ...letter, key: letter.key?.toString('base64'), value: null });
    const report = validateLines('amc.learning.dead-letters.v1', line, context);
    expect(report.bad).toEqual([]);
    expect(report.good[0]?.record.key).toEqual(Buffer.from('QUBT'));
    expect(report.good[0]?.key).toBe('amc.market.bars.v1:3:120455');
  });
});
