/**
 * The status of one checkpoint: reached when its session has a complete bar,
 * missing once the grace period after its session has passed without one,
 * pending otherwise. A missing checkpoint never gets a made-up price.
 */
import type { ExchangeCalendar } from './calendar.ts';
import type { ScheduledCheckpoint } from './checkpoints.ts';
import { returnPct } from './returns.ts';
import type { SessionBar } from './session-bars.ts';
import type { CheckpointOutcome } from './types.ts';

export interface CheckpointContext {
  readonly sessionBars: ReadonlyMap<string, SessionBar>;
  /** Sessions that have a bar, ascending. */
  readonly barSessions: readonly string[];
  /** Exchange-local date of the stream time. */
  readonly streamDate: string;
  readonly discoveryPrice: number;
  readonly graceSessions: number;
  readonly calendar: ExchangeCalendar;
}

/**
 * A daily bar is taken as the session's final bar. Finer bars only add up to
 * the session once the stream has moved past its date; until then the close
 * is an intraday price, not the session's.
 */
export function isSessionComplete(bar: SessionBar, streamDate: string): boolean {
  return bar.source === 'daily' || bar.session < streamDate;
}

/** The stream has passed `session` by `graceSessions` full sessions. */
export function isGraceOver(
  session: string,
  streamDate: string,
  graceSessions: number,
  calendar: ExchangeCalendar,
) {
  return streamDate > calendar.nthSessionAfter(session, graceSessions);
}

function pending(scheduled: ScheduledCheckpoint): CheckpointOutcome {
  return {
    days: scheduled.days,
    session: scheduled.session,
    status: 'pending',
    price: null,
    return_pct: null,
    missing_reason: null,
    last_bar_session: null,
    resumed_session: null,
  };
}

function missing(scheduled: ScheduledCheckpoint, barSessions: readonly string[]): CheckpointOutcome {
  const lastBefore = barSessions.filter((session) => session < scheduled.session).at(-1) ?? null;
  const firstAfter = barSessions.find((session) => session > scheduled.session) ?? null;
  return {
    ...pending(scheduled),
    status: 'missing',
    missing_reason: firstAfter === null ? 'no_data' : 'halted',
    last_bar_session: lastBefore,
    resumed_session: firstAfter,
  };
}

export function evaluateCheckpoint(
  scheduled: ScheduledCheckpoint,
  context: CheckpointContext,
): CheckpointOutcome {
  const bar = context.sessionBars.get(scheduled.session);
  if (bar && isSessionComplete(bar, context.streamDate)) {
    return {
      ...pending(scheduled),
      status: 'reached',
      price: bar.close,
      return_pct: returnPct(bar.close, context.discoveryPrice),
    };
  }
  if (!bar && isGraceOver(scheduled.session, context.streamDate, context.graceSessions, context.calendar)) {
    return missing(scheduled, context.barSessions);
  }
  return pending(scheduled);
}
