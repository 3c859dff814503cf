import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIPS_CONFIG as config,
  dueAnalyses,
  EMPTY_HOLDING,
  type HoldingState,
  pruneHolding,
  withAnalyses,
  withBar,
  withSnapshot,
} from '../../../streams/dips/domain/index.ts';
import { NYSE_CALENDAR as calendar } from '../../../streams/tracker/domain/index.ts';
import { bar, history, MARCH, sessionsFrom, snapshot } from './support.ts';

const context = { config, calendar };
const APRIL = sessionsFrom('2026-03-30', 5); // 03-30, 03-31, 04-01, 04-02, 04-06

/** Feeds bars and snapshots in the given order; analyses are marked as they fall due. */
function feed(
  events: readonly ({ bar: ReturnType<typeof bar> } | { snapshot: ReturnType<typeof snapshot> })[],
) {
  let state: HoldingState = EMPTY_HOLDING;
  const emitted: string[] = [];
  for (const event of events) {
    state = 'bar' in event ? withBar(state, event.bar) : withSnapshot(state, event.snapshot);
    const due = dueAnalyses('DIP', state, context);
    emitted.push(...due.map((d) => `${d.session_date} ${d.action}`));
    state = withAnalyses(state, due, []);
  }
  return { state, emitted };
}

const march = history().map((b) => ({ bar: b }));
const dips = APRIL.map((session, i) => ({ bar: bar(session, 42 - i, 1_500_000) }));

describe('which sessions are due for analysis', () => {
  it('analyses each dipped session once, on its bar', () => {
    const { emitted } = feed([{ snapshot: snapshot() }, ...march, ...dips, ...dips]);
    // Closes 42, 41, 40, 39, 38 against an entry of 50: from 40 on the drawdown is −20% or worse.
    expect(emitted).toEqual([
      '2026-03-30 BUY_MORE',
      '2026-03-31 BUY_MORE',
      '2026-04-01 HOLD',
      '2026-04-02 HOLD',
      '2026-04-06 HOLD',
    ]);
  });

  it('does not analyse March: the holding was not below −10% then', () => {
    const { state } = feed([{ snapshot: snapshot() }, ...march]);
    expect(state.analysed).toEqual([]);
  });

  it('gives the same analyses when the snapshot arrives after the bars it speaks for', () => {
    const first = feed([{ snapshot: snapshot() }, ...march, ...dips]);
    const late = feed([...march, ...dips, { snapshot: snapshot() }]);
    expect(late.emitted).toEqual(first.emitted);
  });

  it('stops on a closing snapshot: sessions on and after its date are not analysed', () => {
    const closed = snapshot({ quantity: 0, as_of: Date.parse(`${APRIL[2]}T20:00:00Z`) });
    const { emitted } = feed([{ snapshot: snapshot() }, ...march, { snapshot: closed }, ...dips]);
    expect(emitted).toEqual([`${APRIL[0]} BUY_MORE`, `${APRIL[1]} BUY_MORE`]);
  });

  it('ignores finer bars: one analysis per daily bar', () => {
    const hourly = { ...bar(APRIL[0]!, 30), interval: '1h' };
    const { emitted } = feed([{ snapshot: snapshot() }, ...march, { bar: hourly }]);
    expect(emitted).toEqual([]);
  });
});

describe('what is forgotten', () => {
  const retain = 10;
  const sessions = sessionsFrom('2026-03-02', 25);
  let state: HoldingState = withSnapshot(EMPTY_HOLDING, snapshot());
  for (const session of sessions) state = withBar(state, bar(session, 40));
  state = withAnalyses(state, dueAnalyses('DIP', state, context), []);

  it('keeps the bars and markers of the last sessions, and the snapshot still in force', () => {
    const pruned = pruneHolding('DIP', state, null, retain, calendar);
    const cutoff = sessions[sessions.length - 1 - retain]!;
    expect(pruned.bars.map((b) => calendar.sessionDateOf(b.timestamp))).toEqual(
      sessions.filter((s) => s >= cutoff),
    );
    expect(pruned.analysed).toEqual(sessions.filter((s) => s >= cutoff));
    expect(pruned.snapshots).toHaveLength(1);
  });

  it('keeps what a followed analysis still needs', () => {
    const pruned = pruneHolding('DIP', state, MARCH[3]!, retain, calendar);
    expect(pruned.analysed[0]).toBe(MARCH[3]);
  });

  it('drops a replayed old bar with nothing to analyse twice', () => {
    let pruned = pruneHolding('DIP', state, null, retain, calendar);
    pruned = withBar(pruned, bar(sessions[0]!, 40));
    pruned = pruneHolding('DIP', pruned, null, retain, calendar);
    expect(dueAnalyses('DIP', pruned, context)).toEqual([]);
  });
});
