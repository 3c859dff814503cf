import { describe, expect, it } from 'vitest';
import {
  createTrackerConfig,
  decideEmission,
  evaluateOutcome,
  NYSE_CALENDAR as nyse,
  type OutcomeContext,
} from '../../../streams/tracker/domain/index.ts';
import { dailyBar, flatBars, newYorkTime, positionOf, recommendationOf } from './support/market.ts';
import { type ReplayEvent, replay } from './support/replay.ts';

// Discovered Wednesday 2024-11-27 at 100; checkpoints on 11-29, 12-09, 12-18 and 2025-01-14.
const RECOMMENDATION = recommendationOf(newYorkTime('2024-11-27', 10, 0));
const CONTEXT: OutcomeContext = { config: createTrackerConfig(), calendar: nyse };
const WINDOW = nyse.sessionsBetween('2024-11-29', '2025-01-14');

function barsOf(sessions: readonly string[], close = 100): ReplayEvent[] {
  return flatBars(sessions, close).map((bar) => ({ bar }));
}

function statusesOf(index: number, run: ReturnType<typeof replay>) {
  return run.emitted[index]?.outcome.checkpoints.map((checkpoint) => checkpoint.status);
}

describe('emission on checkpoints', () => {
  it('emits once per settled checkpoint with versions 1, 2, 3, 4', () => {
    const run = replay(RECOMMENDATION, barsOf(WINDOW), CONTEXT);
    expect(run.emitted.map((emission) => emission.version)).toEqual([1, 2, 3, 4]);
    expect(statusesOf(0, run)).toEqual(['reached', 'pending', 'pending', 'pending']);
    expect(statusesOf(3, run)).toEqual(['reached', 'reached', 'reached', 'reached']);
    expect(run.emitted[3]?.outcome.final).toBe(true);
  });

  it('does not emit while nothing settles', () => {
    const outcome = evaluateOutcome(
      {
        recommendation: RECOMMENDATION,
        bars: [],
        positions: [],
        streamTimeMs: newYorkTime('2024-11-29', 8, 0),
      },
      CONTEXT,
    );
    expect(decideEmission(null, outcome)).toEqual({ emit: false, version: 0, reasons: [], changed: [] });
  });

  it('emits when a checkpoint becomes missing', () => {
    const events: ReplayEvent[] = [
      ...barsOf(WINDOW.slice(0, 3)),
      { streamTimeMs: newYorkTime('2024-12-13', 8, 0) },
    ];
    const run = replay(RECOMMENDATION, events, CONTEXT);
    expect(run.emitted.map((emission) => emission.version)).toEqual([1, 2]);
    expect(run.emitted[1]?.outcome.checkpoints[1]).toMatchObject({
      status: 'missing',
      missing_reason: 'no_data',
    });
  });

  it('does not emit for new sessions between checkpoints', () => {
    const run = replay(RECOMMENDATION, barsOf(WINDOW.slice(0, 5)), CONTEXT);
    expect(run.emitted).toHaveLength(1);
    expect(run.last?.peak_price).toBe(100);
  });
});

describe('restatement', () => {
  it('restates with a higher version when a late bar changes an emitted peak', () => {
    // Day 7 (12-09) is emitted without a bar for 12-03, which then arrives late with a new high.
    const onTime = WINDOW.slice(0, 7).filter((session) => session !== '2024-12-03');
    const late = dailyBar('2024-12-03', { open: 100, high: 140, low: 100, close: 120 });
    const run = replay(RECOMMENDATION, [...barsOf(onTime), { bar: late }], CONTEXT);
    expect(run.emitted.map((emission) => emission.version)).toEqual([1, 2, 3]);
    const [, before, after] = run.emitted;
    expect(before?.outcome.peak_price).toBe(100);
    expect(after?.outcome).toMatchObject({ peak_price: 140, peak_session: '2024-12-03', days_to_peak: 3 });
    expect(run.steps.at(-1)?.decision.reasons).toEqual(['restated']);
    expect(run.steps.at(-1)?.decision.changed).toContain('peak_price');
  });

  it('restates when a corrected bar changes a reached checkpoint', () => {
    const correction = dailyBar('2024-11-29', { close: 95 });
    const run = replay(RECOMMENDATION, [...barsOf(WINDOW.slice(0, 2)), { bar: correction }], CONTEXT);
    expect(run.emitted.map((emission) => emission.version)).toEqual([1, 2]);
    expect(run.emitted[0]?.outcome.checkpoints[0]).toMatchObject({ price: 100, return_pct: 0 });
    expect(run.emitted[1]?.outcome.checkpoints[0]).toMatchObject({ price: 95, return_pct: -5 });
    expect(run.steps.at(-1)?.decision.changed).toEqual(
      expect.arrayContaining(['checkpoints[1].price', 'checkpoints[1].return_pct', 'max_drawdown_pct']),
    );
  });

  it('does not restate when a correction repeats the same values', () => {
    const run = replay(
      RECOMMENDATION,
      [...barsOf(WINDOW.slice(0, 2)), ...barsOf(WINDOW.slice(0, 1))],
      CONTEXT,
    );
    expect(run.emitted).toHaveLength(1);
  });

  it('restates a missing checkpoint that a late bar fills', () => {
    const events: ReplayEvent[] = [
      ...barsOf(WINDOW.slice(0, 6)),
      ...barsOf(WINDOW.slice(7, 11)),
      ...barsOf(['2024-12-09'], 97),
    ];
    const run = replay(RECOMMENDATION, events, CONTEXT);
    const statuses = run.emitted.map((emission) => emission.outcome.checkpoints[1]?.status);
    expect(statuses).toEqual(['pending', 'missing', 'reached']);
    expect(run.emitted.at(-1)?.outcome.checkpoints[1]).toMatchObject({ price: 97, missing_reason: null });
  });

  it('restates a final outcome when a position shows the pick was bought', () => {
    const events: ReplayEvent[] = [...barsOf(WINDOW.slice(0, -1)), ...barsOf(WINDOW.slice(-1), 140)];
    const run = replay(RECOMMENDATION, [...events, { position: positionOf('2024-11-29') }], CONTEXT);
    expect(run.emitted.map((emission) => emission.version)).toEqual([1, 2, 3, 4, 5]);
    expect(run.emitted[3]?.outcome).toMatchObject({ missed_opportunity: true, bought: false });
    expect(run.emitted[4]?.outcome).toMatchObject({ missed_opportunity: false, bought: true });
  });

  it('ignores bars after the window once final', () => {
    const run = replay(
      RECOMMENDATION,
      [...barsOf(WINDOW), ...barsOf(['2025-01-15', '2025-01-16'], 300)],
      CONTEXT,
    );
    expect(run.emitted).toHaveLength(4);
  });
});

describe('determinism', () => {
  it('gives identical states and versions for an identical replay', () => {
    const late = dailyBar('2024-12-03', { open: 100, high: 140, low: 100, close: 120 });
    const events: ReplayEvent[] = [...barsOf(WINDOW.slice(0, 9)), { bar: late }, ...barsOf(WINDOW.slice(9))];
    expect(replay(RECOMMENDATION, events, CONTEXT)).toEqual(replay(RECOMMENDATION, events, CONTEXT));
  });
});
