/**
 * A holding's daily bars, one per exchange session. Finer bars are not the
 * validator's: it analyses once per daily bar. Corrections follow the
 * tracker's rule (a later bar with the same key replaces the earlier), and
 * when two daily bars fall on one session the later timestamp wins, as there.
 */
import {
  applyCorrections,
  barProblem,
  classifyInterval,
  type ExchangeCalendar,
  type PriceBar,
} from '../../tracker/domain/index.ts';

export function isDailyBar(bar: PriceBar): boolean {
  return classifyInterval(bar.interval).kind === 'daily';
}

/** Usable daily bars of `symbol` by session date, in session order. */
export function dailyBarsBySession(
  symbol: string,
  bars: readonly PriceBar[],
  calendar: ExchangeCalendar,
): Map<string, PriceBar> {
  const bySession = new Map<string, PriceBar>();
  for (const bar of applyCorrections(bars)) {
    if (bar.symbol !== symbol || !isDailyBar(bar) || barProblem(bar) !== null) continue;
    const session = calendar.sessionDateOf(bar.timestamp);
    if (!calendar.isSession(session)) continue;
    const current = bySession.get(session);
    if (!current || bar.timestamp >= current.timestamp) bySession.set(session, bar);
  }
  return new Map([...bySession.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
