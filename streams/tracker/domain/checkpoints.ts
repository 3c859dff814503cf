/**
 * Where each checkpoint falls on the exchange calendar.
 *
 * The discovery date is the exchange-local date of the discovery instant, even
 * when that date is not a session (a weekend or holiday scan): counting starts
 * from that date, so checkpoint 1 on the trading basis is the first session
 * after it, and on the calendar basis the first session on or after it + 1 day.
 */
import type { ExchangeCalendar } from './calendar.ts';
import type { CheckpointBasis } from './config.ts';
import { addDays } from './iso-date.ts';

export interface ScheduledCheckpoint {
  /** The checkpoint's day number (1, 7, 14, 30 by default). */
  readonly days: number;
  /** The session whose bar prices the checkpoint. */
  readonly session: string;
}

export function discoveryDateOf(discoveredAtMs: number, calendar: ExchangeCalendar): string {
  return calendar.sessionDateOf(discoveredAtMs);
}

export function checkpointSession(
  discoveryDate: string,
  days: number,
  basis: CheckpointBasis,
  calendar: ExchangeCalendar,
): string {
  return basis === 'trading'
    ? calendar.nthSessionAfter(discoveryDate, days)
    : calendar.sessionOnOrAfter(addDays(discoveryDate, days));
}

export function checkpointSchedule(
  discoveryDate: string,
  checkpoints: readonly number[],
  basis: CheckpointBasis,
  calendar: ExchangeCalendar,
): ScheduledCheckpoint[] {
  return checkpoints.map((days) => ({
    days,
    session: checkpointSession(discoveryDate, days, basis, calendar),
  }));
}

/**
 * How far a session lies from discovery, in the basis' unit: sessions on the
 * trading basis, calendar days on the calendar basis.
 */
export function distanceFromDiscovery(
  discoveryDate: string,
  session: string,
  basis: CheckpointBasis,
  calendar: ExchangeCalendar,
): number {
  return basis === 'trading'
    ? calendar.sessionCountBetween(discoveryDate, session)
    : calendar.calendarDaysBetween(discoveryDate, session);
}
