/**
 * What the validator keeps per symbol, and the two questions asked of it on
 * every record: what the data says about each session now, and what may be
 * forgotten. Both read only the symbol's own data, so the answer does not
 * depend on how the symbol's records interleave with other symbols'.
 */
import { type ExchangeCalendar, type PriceBar, recordBar } from '../../tracker/domain/index.ts';
import { type AnalysisContext, analyseSession } from './analysis.ts';
import { dailyBarsBySession } from './daily-bars.ts';
import { snapshotInForce } from './holding.ts';
import type { DipDecision, HoldingSnapshot } from './types.ts';

export interface HoldingState {
  /** Daily bars in arrival order (a later bar with the same key corrects an earlier one). */
  readonly bars: readonly PriceBar[];
  /** Position snapshots in arrival order. */
  readonly snapshots: readonly HoldingSnapshot[];
  /** Sessions with a published analysis, ascending: one analysis id each, restated as data arrives. */
  readonly analysed: readonly string[];
  /** Analysis ids still followed to their outcome. */
  readonly following: readonly string[];
}

export const EMPTY_HOLDING: HoldingState = Object.freeze({
  bars: Object.freeze([]),
  snapshots: Object.freeze([]),
  analysed: Object.freeze([]),
  following: Object.freeze([]),
});

export function withBar(state: HoldingState, bar: PriceBar): HoldingState {
  return { ...state, bars: recordBar(state.bars, bar) };
}

export function withSnapshot(state: HoldingState, snapshot: HoldingSnapshot): HoldingState {
  return { ...state, snapshots: [...state.snapshots, snapshot] };
}

/**
 * What the data says about every session with a daily bar: its analysis, or
 * null when the holding does not qualify (no snapshot in force yet, closed,
 * not below the threshold). Reads only the symbol's own data.
 */
export function decisionsBySession(
  symbol: string,
  state: HoldingState,
  context: AnalysisContext,
): Map<string, DipDecision | null> {
  const decisions = new Map<string, DipDecision | null>();
  // Most symbols of a market feed are not held: nothing to say about them.
  if (state.snapshots.length === 0 && state.analysed.length === 0) return decisions;
  const dailyBars = dailyBarsBySession(symbol, state.bars, context.calendar);
  for (const [session, bar] of dailyBars) {
    const snapshot = snapshotInForce(state.snapshots, session, context.calendar);
    decisions.set(session, analyseSession({ session, bar, snapshot, dailyBars }, context));
  }
  return decisions;
}

/**
 * Forgets what no question needs: bars (and their published analyses) more
 * than retainSessions before the symbol's newest bar, unless a followed
 * analysis still needs them from `keepFrom` on; snapshots superseded before
 * that. An analysis is remembered exactly as long as its bar, so a replayed
 * old bar is dropped with nothing to analyse rather than analysed anew.
 */
export function pruneHolding(
  symbol: string,
  state: HoldingState,
  keepFrom: string | null,
  retainSessions: number,
  calendar: ExchangeCalendar,
): HoldingState {
  const sessions = [...dailyBarsBySession(symbol, state.bars, calendar).keys()];
  const newest = sessions.at(-1);
  if (newest === undefined) return state;
  const horizon = calendar.nthSessionAfter(newest, -retainSessions);
  const cutoff = keepFrom !== null && keepFrom < horizon ? keepFrom : horizon;
  const bars = state.bars.filter((bar) => calendar.sessionDateOf(bar.timestamp) >= cutoff);
  const base = snapshotInForce(state.snapshots, cutoff, calendar);
  const snapshots = state.snapshots.filter((s) => s === base || calendar.sessionDateOf(s.as_of) > cutoff);
  return { ...state, bars, snapshots, analysed: state.analysed.filter((session) => session >= cutoff) };
}
