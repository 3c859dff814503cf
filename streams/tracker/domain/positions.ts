/**
 * Whether a recommendation was acted on: a position in the symbol opened
 * within the configured window on or after the discovery date.
 */
import { daysBetween, isIsoDate } from './iso-date.ts';
import type { PositionSnapshot } from './types.ts';

export interface BoughtFinding {
  readonly bought: boolean;
  readonly bought_entry_date: string | null;
}

/**
 * Any snapshot with quantity > 0 and an entry date in
 * [discoveryDate, discoveryDate + windowDays] counts, even if a later snapshot
 * closed the position: the pick was bought.
 */
export function findBought(
  symbol: string,
  discoveryDate: string,
  positions: readonly PositionSnapshot[],
  windowDays: number,
): BoughtFinding {
  let earliest: string | null = null;
  for (const position of positions) {
    if (position.symbol !== symbol || !(position.quantity > 0)) continue;
    const entry = position.entry_date;
    if (entry === null || !isIsoDate(entry)) continue;
    const offset = daysBetween(discoveryDate, entry);
    if (offset < 0 || offset > windowDays) continue;
    if (earliest === null || entry < earliest) earliest = entry;
  }
  return { bought: earliest !== null, bought_entry_date: earliest };
}
