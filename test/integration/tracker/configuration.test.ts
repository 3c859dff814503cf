import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicRecords } from '../../../schemas/types.generated.ts';
import { testKafka } from '../../support/kafka.ts';
import { dailyBar, discoveryRun, weekdaysFrom } from '../../support/market.ts';
import { killHard } from '../../support/reference-run.ts';
import {
  createTrackerTopics,
  latestOutcomes,
  newTrackerRun,
  produceAvro,
  readAvro,
  startTrackerJob,
  type TrackerRun,
  testSerde,
} from '../../support/tracker-run.ts';

type Outcome = TopicRecords['amc.learning.recommendation-outcomes.v1'];
type Alert = TopicRecords['amc.learning.alerts.v1'];

/*
 * One unbought pick, R1:ZZZ at 10.00 on Monday 2026-03-02 after the close,
 * whose close on the k-th weekday from 2026-03-03 is 10 + 0.09k (Good Friday
 * 2026-04-03 closed). By hand:
 * - trading basis: sessions 1, 7, 14, 30 are 03-03, 03-11, 03-20, 04-14;
 *   day 30 closes at 12.70, a 27% return: a missed opportunity on the 25% line.
 * - calendar basis: the first session on or after 03-03, 03-09, 03-16, 04-01,
 *   i.e. weekdays 1, 5, 10, 22: closes 10.09, 10.45, 10.90, 11.98.
 * - with 2026-03-11 closed as well, day 7 moves to 03-12 (10.72) and day 30
 *   to 04-15 (12.79, 27.9%); with a 30% missed line, no alert.
 */
const WEEKDAYS = weekdaysFrom('2026-03-03', 40, ['2026-04-03']);
const DISCOVERED_AT = Date.parse('2026-03-02T21:05:00Z');

async function publish(kafka: ReturnType<typeof testKafka>, run: TrackerRun): Promise<void> {
  const serde = testSerde();
  const r1 = discoveryRun('R1', DISCOVERED_AT, [{ symbol: 'ZZZ', price: 10 }]);
  await produceAvro(kafka, serde, run.topics.discoveryRuns, 'amc.discovery.runs.v1', [
    { key: 'R1', value: r1 },
  ]);
  const bars = WEEKDAYS.map((day, i) => dailyBar('ZZZ', day, 10 + 0.09 * (i + 1), { high: 0.01, low: 0.01 }));
  await produceAvro(
    kafka,
    serde,
    run.topics.bars,
    'amc.market.bars.v1',
    bars.map((value) => ({ key: value.symbol, value })),
  );
}

const scratch = mkdtempSync(path.join(tmpdir(), 'amc-config-it-'));
function configFile(name: string, content: object): string {
  const file = path.join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const kafka = testKafka();
const serde = testSerde();
const children: ChildProcess[] = [];
const isFinal = (outcomes: readonly Outcome[]) => latestOutcomes(outcomes).get('R1:ZZZ')?.final === true;

async function finalOutcome(run: TrackerRun): Promise<Outcome> {
  const outcomes = await readAvro(
    kafka,
    serde,
    run.topics.outcomes,
    'amc.learning.recommendation-outcomes.v1',
    isFinal,
  );
  return latestOutcomes(outcomes).get('R1:ZZZ')!;
}

const alertsOf = (run: TrackerRun, timeoutMs = 6000) =>
  readAvro(
    kafka,
    serde,
    run.topics.alerts,
    'amc.learning.alerts.v1',
    (a: readonly Alert[]) => a.length > 0,
    timeoutMs,
    3000,
  );

const checkpoints = (o: Outcome) =>
  o.checkpoints.map((c) => [c.days, c.session_date, Number(c.price!.toFixed(2))]);

async function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('the rules come from the configuration file', () => {
  const trading = newTrackerRun('cfg-trading');
  const calendar = newTrackerRun('cfg-calendar');
  const stricter = newTrackerRun('cfg-closure-30');
  let tradingJob: ChildProcess;
  let outcomes: { trading: Outcome; calendar: Outcome; stricter: Outcome };

  beforeAll(async () => {
    const files = {
      calendar: configFile('calendar', { tracker: { basis: 'calendar' } }),
      stricter: configFile('stricter', {
        tracker: { missedOpportunityReturnPct: 30 },
        calendar: { extraClosures: ['2026-03-11'] },
      }),
    };
    for (const run of [trading, calendar, stricter]) await createTrackerTopics(kafka, run);
    tradingJob = startTrackerJob(trading);
    children.push(tradingJob);
    children.push(startTrackerJob(calendar, { AMC_CONFIG: files.calendar }));
    children.push(startTrackerJob(stricter, { AMC_CONFIG: files.stricter }));
    for (const run of [trading, calendar, stricter]) await publish(kafka, run);
    const [t, c, s] = await Promise.all([trading, calendar, stricter].map(finalOutcome));
    outcomes = { trading: t!, calendar: c!, stricter: s! };
  }, 300_000);

  afterAll(async () => {
    for (const child of children) await killHard(child);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('trading basis by default: the 30th session, 27%, a missed opportunity that alerts', async () => {
    expect(checkpoints(outcomes.trading)).toEqual([
      [1, '2026-03-03', 10.09],
      [7, '2026-03-11', 10.63],
      [14, '2026-03-20', 11.26],
      [30, '2026-04-14', 12.7],
    ]);
    expect(outcomes.trading).toMatchObject({ basis: 'TRADING', missed_opportunity: true });
    expect((await alertsOf(trading)).map((a) => a.dedup_key)).toEqual(['missed_opportunity:R1:ZZZ']);
  });

  it('calendar basis from the file: the first session on or after discovery + N days', () => {
    expect(checkpoints(outcomes.calendar)).toEqual([
      [1, '2026-03-03', 10.09],
      [7, '2026-03-09', 10.45],
      [14, '2026-03-16', 10.9],
      [30, '2026-04-01', 11.98],
    ]);
    expect(outcomes.calendar.basis).toBe('CALENDAR');
  });

  it('an added closure shifts the checkpoints after it; a 30% missed line silences a 27.9% pick', async () => {
    expect(checkpoints(outcomes.stricter)).toEqual([
      [1, '2026-03-03', 10.09],
      [7, '2026-03-12', 10.72],
      [14, '2026-03-23', 11.35],
      [30, '2026-04-15', 12.79],
    ]);
    expect(outcomes.stricter.missed_opportunity).toBe(false);
    expect(await alertsOf(stricter)).toEqual([]);
  });

  it('a rule change on existing state is refused, and --reset-state rebuilds it with higher versions', async () => {
    tradingJob.kill('SIGTERM');
    await once(tradingJob, 'exit');
    const calendarFile = configFile('switch-to-calendar', { tracker: { basis: 'calendar' } });
    const refused = await exitOf(startTrackerJob(trading, { AMC_CONFIG: calendarFile }));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('tracker.basis: "trading" → "calendar"');
    expect(refused.stderr).toContain('--reset-state');

    const rebuilt = startTrackerJob(trading, { AMC_CONFIG: calendarFile }, ['--reset-state']);
    children.push(rebuilt);
    const all = await readAvro(
      kafka,
      serde,
      trading.topics.outcomes,
      'amc.learning.recommendation-outcomes.v1',
      (list) => list.some((o) => o.basis === 'CALENDAR' && o.final),
    );
    const latest = latestOutcomes(all).get('R1:ZZZ')!;
    expect(latest.basis).toBe('CALENDAR');
    expect(checkpoints(latest)).toEqual(checkpoints(outcomes.calendar));
    // Every version of the rebuilt state lies above every version of the old one.
    const oldMax = Math.max(...all.filter((o) => o.basis === 'TRADING').map((o) => o.version));
    const newMin = Math.min(...all.filter((o) => o.basis === 'CALENDAR').map((o) => o.version));
    expect(newMin).toBeGreaterThan(oldMax);
  }, 240_000);
});
