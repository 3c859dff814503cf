import type { testKafka } from './kafka.ts';
import { dailyBar, discoveryRun, openedPosition, weekdaysFrom } from './market.ts';
import { produceInputs, type TrackerRun, testSerde } from './tracker-run.ts';

/*
 * A small market with answers worked out by hand. Run R1 finishes on Monday
 * 2026-03-02 after the close with two picks:
 * - AAA at 10.00, not bought. Its close on the k-th session after discovery
 *   is 10 + 0.1k (high +0.05, low -0.05), except session 10 (2026-03-16)
 *   whose low dips to 9.50.
 * - BBB at 20.00, bought on 2026-03-03, flat at 20 (high 20.2, low 19.8).
 * Sessions: weekdays from 2026-03-03, Good Friday 2026-04-03 closed, so the
 * 1st, 7th, 14th and 30th sessions are 03-03, 03-11, 03-20 and 04-14.
 */
export const SESSIONS = weekdaysFrom('2026-03-03', 40, ['2026-04-03']);
const DISCOVERED_AT = Date.parse('2026-03-02T21:05:00Z');

function inputs() {
  const run = discoveryRun('R1', DISCOVERED_AT, [
    { symbol: 'AAA', price: 10 },
    { symbol: 'BBB', price: 20 },
  ]);
  const bars = SESSIONS.flatMap((session, i) => {
    const k = i + 1;
    const aaa = dailyBar('AAA', session, 10 + 0.1 * k, {
      high: 0.05,
      low: k === 10 ? 10 + 0.1 * k - 9.5 : 0.05,
    });
    return [aaa, dailyBar('BBB', session, 20, { high: 0.2, low: 0.2 })];
  });
  const position = openedPosition('BBB', Date.parse('2026-03-03T15:00:00Z'), 20.1);
  return { run, bars, position };
}

export async function produceKnownMarket(
  kafka: ReturnType<typeof testKafka>,
  run: TrackerRun,
): Promise<void> {
  const serde = testSerde();
  const { run: discovery, bars, position } = inputs();
  // The run arrives twice (an upstream replay): it must count once.
  await produceInputs(kafka, serde, run.topics, {
    runs: [discovery, discovery],
    positions: [position],
    bars,
  });
}
