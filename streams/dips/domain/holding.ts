/**
 * Which position snapshot speaks for a session, and the facts taken from it:
 * days held and the unrealized return come from the data, never placeholders.
 */

import type { ReasonCode } from '../../serde/reasons.ts';
import type { ExchangeCalendar } from '../../tracker/domain/index.ts';
import type { HoldingSnapshot } from './types.ts';

export interface SnapshotProblem {
  readonly code: ReasonCode;
  readonly reason: string;
}

/**
 * Why a snapshot cannot be used, or null. An open position without a usable
 * entry price cannot be judged: there is no return to compute, so the record
 * is a dead letter rather than a guess. A closed one needs no price.
 */
export function snapshotProblem(snapshot: HoldingSnapshot): SnapshotProblem | null {
  if (typeof snapshot.symbol !== 'string' || snapshot.symbol.trim() === '') {
    return { code: 'EMPTY_SYMBOL', reason: 'position snapshot without a symbol' };
  }
  if (!Number.isFinite(snapshot.quantity) || snapshot.quantity < 0) {
    return { code: 'OUT_OF_RANGE', reason: `quantity ${snapshot.quantity} must be a finite number >= 0` };
  }
  for (const field of ['entry_date', 'as_of'] as const) {
    if (!Number.isFinite(snapshot[field]))
      return { code: 'NON_FINITE_NUMBER', reason: `${field} is not finite` };
  }
  if (snapshot.quantity === 0) return null;
  const price = snapshot.avg_entry_price as number | null | undefined;
  if (price === null || price === undefined) {
    return { code: 'MISSING_VALUE', reason: 'open position without an avg_entry_price' };
  }
  if (!Number.isFinite(price)) return { code: 'NON_FINITE_NUMBER', reason: `avg_entry_price is ${price}` };
  if (price <= 0)
    return { code: 'NON_POSITIVE_PRICE', reason: `open position with avg_entry_price ${price}` };
  if (!Number.isFinite(snapshot.account_equity) || snapshot.account_equity <= 0) {
    return { code: 'OUT_OF_RANGE', reason: `account_equity ${snapshot.account_equity} must be positive` };
  }
  return null;
}

/**
 * The snapshot in force at a session: the latest one taken on or before the
 * session's date (exchange-local). Among snapshots taken at the same instant
 * the later in `snapshots` (arrival order) wins, as a correction. Null when
 * none was taken yet.
 */
export function snapshotInForce(
  snapshots: readonly HoldingSnapshot[],
  session: string,
  calendar: ExchangeCalendar,
): HoldingSnapshot | null {
  let chosen: HoldingSnapshot | null = null;
  for (const snapshot of snapshots) {
    if (calendar.sessionDateOf(snapshot.as_of) > session) continue;
    if (chosen === null || snapshot.as_of >= chosen.as_of) chosen = snapshot;
  }
  return chosen;
}

/** Calendar days from the exchange-local date of the entry to the session. */
export function daysHeld(snapshot: HoldingSnapshot, session: string, calendar: ExchangeCalendar): number {
  return calendar.calendarDaysBetween(calendar.sessionDateOf(snapshot.entry_date), session);
}
