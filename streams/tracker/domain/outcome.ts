/**
 * The tracked state of one recommendation, as a pure function of the
 * recommendation, the symbol's bars and positions seen so far, the stream's
 * event time and the configuration. No wall clock: a replay gives the same state.
 */
import { barProblem, type PriceBar } from './bars.ts';
import { type ExchangeCalendar, NYSE_CALENDAR } from './calendar.ts';
import { evaluateCheckpoint, isSessionComplete } from './checkpoint-status.ts';
import { checkpointSchedule, discoveryDateOf, distanceFromDiscovery } from './checkpoints.ts';
import { classifyFinalReturn } from './classification.ts';
import { DEFAULT_TRACKER_CONFIG, type TrackerConfig } from './config.ts';
import { findBought } from './positions.ts';
import { resolveSessionBars, type SessionBar } from './session-bars.ts';
import type { PositionSnapshot, Recommendation, TrackedOutcome, WindowSession } from './types.ts';
import { computeWindowMetrics } from './window-metrics.ts';

export interface OutcomeInput {
  readonly recommendation: Recommendation;
  /** The symbol's bars seen so far, in arrival order (a later bar with the same key corrects an earlier one). */
  readonly bars: readonly PriceBar[];
  /** The symbol's position snapshots seen so far. */
  readonly positions: readonly PositionSnapshot[];
  /** Event time: the largest timestamp the partition has seen, epoch ms. */
  readonly streamTimeMs: number;
}

/**
 * The same evaluation from session summaries already resolved (the tracker
 * keeps them rolled up per session). `sessionBars` must hold every session
 * with a bar from the discovery date to the window's end (windowOf), and
 * `barSessions` those plus the nearest session with a bar on either side.
 */
export interface SessionOutcomeInput {
  readonly recommendation: Recommendation;
  readonly sessionBars: ReadonlyMap<string, SessionBar>;
  /** Sessions that have a bar, ascending. */
  readonly barSessions: readonly string[];
  readonly positions: readonly PositionSnapshot[];
  /** Event time, epoch ms: at least the latest bar's timestamp. */
  readonly streamTimeMs: number;
}

export interface OutcomeContext {
  readonly config: TrackerConfig;
  readonly calendar: ExchangeCalendar;
}

const DEFAULT_CONTEXT: OutcomeContext = { config: DEFAULT_TRACKER_CONFIG, calendar: NYSE_CALENDAR };

/** Why a recommendation cannot be tracked, or null when it can. */
export function recommendationProblem(recommendation: Recommendation): string | null {
  if (recommendation.symbol.trim() === '') return 'empty symbol';
  if (!Number.isFinite(recommendation.discovered_at)) return 'discovered_at is not finite';
  const price = recommendation.discovery_price;
  if (!Number.isFinite(price) || price <= 0) return 'discovery_price must be a positive finite price';
  return null;
}

/** The deterministic tracking id of a candidate: `<run_id>:<symbol>`. */
export function trackingIdOf(runId: string, symbol: string): string {
  return `${runId}:${symbol}`;
}

/**
 * The stream time can lag a bar only if the caller passed a stale value; the
 * symbol's own bars are then evidence that time has moved on.
 */
function effectiveStreamTime(symbol: string, bars: readonly PriceBar[], streamTimeMs: number): number {
  let latest = streamTimeMs;
  for (const bar of bars) {
    if (bar.symbol === symbol && barProblem(bar) === null) latest = Math.max(latest, bar.timestamp);
  }
  return latest;
}

/**
 * The last window session the stream has closed for this symbol: any session
 * before the stream's date, or the stream's date itself once its daily bar is in.
 */
function metricsThrough(
  windowStart: string,
  windowEnd: string,
  streamDate: string,
  sessionBars: ReadonlyMap<string, SessionBar>,
  calendar: ExchangeCalendar,
): string | null {
  if (streamDate > windowEnd) return windowEnd;
  const closedToday = sessionBars.get(streamDate)?.source === 'daily';
  const through = closedToday ? streamDate : calendar.previousSession(streamDate);
  return through < windowStart ? null : through;
}

/** The sessions an evaluation reads: from the discovery date to the last checkpoint's session. */
export function windowOf(
  recommendation: Recommendation,
  context: OutcomeContext = DEFAULT_CONTEXT,
): { readonly from: string; readonly to: string } {
  const { config, calendar } = context;
  const discoveryDate = discoveryDateOf(recommendation.discovered_at, calendar);
  const schedule = checkpointSchedule(discoveryDate, config.checkpoints, config.basis, calendar);
  return { from: discoveryDate, to: schedule.at(-1)?.session ?? calendar.nextSession(discoveryDate) };
}

/** Throws RangeError when the recommendation is unusable (see recommendationProblem). */
export function evaluateOutcome(
  input: OutcomeInput,
  context: OutcomeContext = DEFAULT_CONTEXT,
): TrackedOutcome {
  const { recommendation, bars } = input;
  const sessionBars = resolveSessionBars(recommendation.symbol, bars, context.calendar);
  return evaluateOutcomeFromSessions(
    {
      recommendation,
      sessionBars,
      barSessions: [...sessionBars.keys()].sort(),
      positions: input.positions,
      streamTimeMs: effectiveStreamTime(recommendation.symbol, bars, input.streamTimeMs),
    },
    context,
  );
}

/** Throws RangeError when the recommendation is unusable (see recommendationProblem). */
export function evaluateOutcomeFromSessions(
  input: SessionOutcomeInput,
  context: OutcomeContext = DEFAULT_CONTEXT,
): TrackedOutcome {
  const { recommendation, sessionBars, barSessions, positions } = input;
  const { config, calendar } = context;
  const problem = recommendationProblem(recommendation);
  if (problem !== null) throw new RangeError(`recommendation ${recommendation.tracking_id}: ${problem}`);

  const { symbol, discovery_price: discoveryPrice } = recommendation;
  const discoveryDate = discoveryDateOf(recommendation.discovered_at, calendar);
  const asOf = input.streamTimeMs;
  const streamDate = calendar.sessionDateOf(asOf);

  const schedule = checkpointSchedule(discoveryDate, config.checkpoints, config.basis, calendar);
  const checkpoints = schedule.map((scheduled) =>
    evaluateCheckpoint(scheduled, {
      sessionBars,
      barSessions,
      streamDate,
      discoveryPrice,
      graceSessions: config.missingGraceSessions,
      calendar,
    }),
  );

  const windowStart = calendar.nextSession(discoveryDate);
  const windowEnd = schedule.at(-1)?.session ?? windowStart;
  const through = metricsThrough(windowStart, windowEnd, streamDate, sessionBars, calendar);
  const windowSessions: WindowSession[] = [];
  for (const bar of sessionBars.values()) {
    const inWindow = through !== null && bar.session >= windowStart && bar.session <= through;
    if (!inWindow || !isSessionComplete(bar, streamDate)) continue;
    const { session, high, low, close } = bar;
    const days = distanceFromDiscovery(discoveryDate, session, config.basis, calendar);
    windowSessions.push({ session, days_from_discovery: days, high, low, close });
  }
  windowSessions.sort((a, b) => (a.session < b.session ? -1 : 1));

  const finalCheckpoint = checkpoints.at(-1);
  const finalReturnPct = finalCheckpoint?.status === 'reached' ? finalCheckpoint.return_pct : null;
  const bought = findBought(symbol, discoveryDate, positions, config.boughtWindowDays);

  return {
    tracking_id: recommendation.tracking_id,
    run_id: recommendation.run_id,
    symbol,
    discovered_at: recommendation.discovered_at,
    discovery_price: discoveryPrice,
    discovery_date: discoveryDate,
    basis: config.basis,
    as_of: asOf,
    metrics_through: through,
    checkpoints,
    window_sessions: windowSessions,
    ...computeWindowMetrics(windowSessions, discoveryPrice),
    final_return_pct: finalReturnPct,
    ...classifyFinalReturn(finalReturnPct, bought.bought, config),
    ...bought,
    final: finalCheckpoint !== undefined && finalCheckpoint.status !== 'pending',
  };
}
