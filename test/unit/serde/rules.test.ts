import { describe, expect, it } from 'vitest';
import type { TopicName } from '../../../schemas/topics.ts';
import type { TopicRecords } from '../../../schemas/types.generated.ts';
import { checkRecord } from '../../../streams/serde/rules.ts';
import { SAMPLE_CLOCK, SAMPLES } from '../../fixtures/avro/samples.ts';

const context = { now: SAMPLE_CLOCK, futureMarginMs: 60_000 };

function broken<T extends TopicName>(topic: T, change: (record: TopicRecords[T]) => void) {
  const record = structuredClone(SAMPLES[topic]) as TopicRecords[T];
  change(record);
  return checkRecord(topic, record, context)?.code;
}

describe('topic rules', () => {
  it('accept every sample', () => {
    for (const topic of Object.keys(SAMPLES) as TopicName[]) {
      expect(checkRecord(topic, SAMPLES[topic], context), topic).toBeUndefined();
    }
  });

  it.each([
    [
      'zero close',
      () => broken('amc.market.bars.v1', (bar) => Object.assign(bar, { close: 0, low: 0 })),
      'NON_POSITIVE_PRICE',
    ],
    [
      'NaN open',
      () => broken('amc.market.bars.v1', (bar) => Object.assign(bar, { open: Number.NaN })),
      'NON_FINITE_NUMBER',
    ],
    [
      'infinite factor',
      () =>
        broken('amc.discovery.runs.v1', (run) => {
          run.candidates[0]!.factors.x = Number.POSITIVE_INFINITY;
        }),
      'NON_FINITE_NUMBER',
    ],
    [
      'bar from the future',
      () => broken('amc.market.bars.v1', (bar) => Object.assign(bar, { timestamp: SAMPLE_CLOCK + 60_001 })),
      'FUTURE_TIMESTAMP',
    ],
    [
      'blank symbol',
      () => broken('amc.portfolio.positions.v1', (position) => Object.assign(position, { symbol: ' ' })),
      'EMPTY_SYMBOL',
    ],
    [
      'empty candidate symbol',
      () => broken('amc.discovery.runs.v1', (run) => Object.assign(run.candidates[1]!, { symbol: '' })),
      'EMPTY_SYMBOL',
    ],
    [
      'empty run id',
      () => broken('amc.discovery.runs.v1', (run) => Object.assign(run, { run_id: '' })),
      'EMPTY_ID',
    ],
    [
      'score on the 0-1 scale above 100',
      () =>
        broken('amc.discovery.runs.v1', (run) => Object.assign(run.candidates[0]!, { composite_score: 130 })),
      'OUT_OF_RANGE',
    ],
    [
      'vigl above 1',
      () => broken('amc.discovery.runs.v1', (run) => Object.assign(run.candidates[0]!, { vigl_score: 1.5 })),
      'OUT_OF_RANGE',
    ],
    [
      'duplicate candidate',
      () => broken('amc.discovery.runs.v1', (run) => Object.assign(run.candidates[1]!, { symbol: 'QUBT' })),
      'DUPLICATE_SYMBOL',
    ],
    [
      'run finishing before it started',
      () => broken('amc.discovery.runs.v1', (run) => Object.assign(run, { finished_at: run.started_at - 1 })),
      'INCONSISTENT_TIMES',
    ],
    [
      'high below low',
      () => broken('amc.market.bars.v1', (bar) => Object.assign(bar, { high: 7 })),
      'INCONSISTENT_BAR',
    ],
    [
      'negative volume',
      () => broken('amc.market.bars.v1', (bar) => Object.assign(bar, { volume: -1 })),
      'OUT_OF_RANGE',
    ],
    [
      'zero equity',
      () =>
        broken('amc.portfolio.positions.v1', (position) => Object.assign(position, { account_equity: 0 })),
      'OUT_OF_RANGE',
    ],
    [
      'open position without a price',
      () =>
        broken('amc.portfolio.positions.v1', (position) => Object.assign(position, { avg_entry_price: 0 })),
      'NON_POSITIVE_PRICE',
    ],
    [
      'tracking id of another symbol',
      () => broken('amc.learning.recommendations.v1', (rec) => Object.assign(rec, { tracking_id: 'x:Y' })),
      'INCONSISTENT_ID',
    ],
    [
      'zero occurrences',
      () => broken('amc.learning.alerts.v1', (alert) => Object.assign(alert, { occurrences: 0 })),
      'OUT_OF_RANGE',
    ],
    [
      'confidence above 1',
      () =>
        broken('amc.learning.cycles.v1', (cycle) => Object.assign(cycle.proposals[0]!, { confidence: 2 })),
      'OUT_OF_RANGE',
    ],
  ] as const)('refuse %s', (_name, run, code) => {
    expect(run()).toBe(code);
  });

  it('let a closed position carry a zero price and a run without stage timings pass', () => {
    expect(
      broken('amc.portfolio.positions.v1', (p) => Object.assign(p, { quantity: 0, avg_entry_price: 0 })),
    ).toBeUndefined();
    expect(
      broken('amc.discovery.runs.v1', (run) =>
        run.stages.forEach((stage) => {
          stage.duration_ms = null;
        }),
      ),
    ).toBeUndefined();
  });
});
