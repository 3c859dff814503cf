import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIPS_CONFIG as config,
  decisionsBySession,
  EMPTY_HOLDING,
  type HoldingSnapshot,
  type HoldingState,
  pruneHolding,
  withBar,
  withSnapshot,
} from '../../../streams/dips/domain/index.ts';
import { NYSE_CALENDAR as calendar, type PriceBar } from '../../../streams/tracker/domain/index.ts';
import { bar, history, MARCH, sessionsFrom, snapshot } from './support.ts';

const context = { config, calendar };
const APRIL = sessionsFrom('2026-03-30', 5); // 03-30, 03-31, 04-01, 04-02, 04-06

function holding(events: readonly (PriceBar | HoldingSnapshot)[]): HoldingState {
  let state: HoldingState = EMPTY_HOLDING;
  for (const e of events) state = 'interval' in e ? withBar(state, e) : withSnapshot(state, e);
  return state;
}

const summary = (state: HoldingState) =>
  [...decisionsBySession('DIP', state, context)]
    .filter(([, d]) => d !== null)
    .map(([session, d]) => `${session} ${d?.action}`);

// Closes 42, 41, 40, 39, 38 against an entry of 50: from 40 on the drawdown is −20% or worse.
const dips = APRIL.map((session, i) => bar(session, 42 - i, 1_500_000));

describe('what the data says about each session', () => {
  it('analyses each dipped session from its own bar, history and snapshot in force', () => {
    expect(summary(holding([snapshot(), ...history(), ...dips]))).toEqual([
      '2026-03-30 BUY_MORE',
      '2026-03-31 BUY_MORE',
      '2026-04-01 HOLD',
      '2026-04-02 HOLD',
      '2026-04-06 HOLD',
    ]);
  });

  it('does not analyse March: the holding was not below −10% then', () => {
    expect(summary(holding([snapshot(), ...history()]))).toEqual([]);
  });

  it('says the same whatever order the bars and snapshots came in', () => {
    const closed = snapshot({ quantity: 0, as_of: Date.parse(`${APRIL[2]}T20:00:00Z`) });
    const inOrder = holding([snapshot(), ...history(), closed, ...dips]);
    const backwards = holding([...[...dips].reverse(), ...history().reverse(), closed, snapshot()]);
    expect(decisionsBySession('DIP', backwards, context)).toEqual(
      decisionsBySession('DIP', inOrder, context),
    );
    expect(summary(inOrder)).toEqual([`${APRIL[0]} BUY_MORE`, `${APRIL[1]} BUY_MORE`]);
  });

  it('ignores finer bars: one analysis per daily bar', () => {
    const hourly = { ...bar(APRIL[0]!, 30), interval: '1h' };
    expect(summary(holding([snapshot(), ...history(), hourly]))).toEqual([]);
  });
});

describe('what is forgotten', () => {
  const retain = 10;
  const sessions = sessionsFrom('2026-03-02', 25);
  const state = { ...holding([snapshot(), ...sessions.map((s) => bar(s, 40))]), analysed: sessions };

  it('keeps the bars and analyses of the last sessions, and the snapshot still in force', () => {
    const pruned = pruneHolding('DIP', state, null, retain, calendar);
    const cutoff = sessions[sessions.length - 1 - retain]!;
    expect(pruned.bars.map((b) => calendar.sessionDateOf(b.timestamp))).toEqual(
      sessions.filter((s) => s >= cutoff),
    );
    expect(pruned.analysed).toEqual(sessions.filter((s) => s >= cutoff));
    expect(pruned.snapshots).toHaveLength(1);
  });

  it('keeps what a followed analysis still needs', () => {
    expect(pruneHolding('DIP', state, MARCH[3]!, retain, calendar).analysed[0]).toBe(MARCH[3]);
  });

  it('drops a replayed old bar: there is nothing left to analyse it with', () => {
    const pruned = pruneHolding('DIP', state, null, retain, calendar);
    const replayed = pruneHolding('DIP', withBar(pruned, bar(sessions[0]!, 40)), null, retain, calendar);
    expect(decisionsBySession('DIP', replayed, context).has(sessions[0]!)).toBe(false);
  });
});
