/**
 * A holding's volume on a session against its own recent average: the mean
 * daily volume over the configured number of sessions before it, counting
 * the sessions of the exchange calendar (a session without a bar, such as a
 * halt, is left out rather than counted as zero).
 */
import type { ExchangeCalendar, PriceBar } from '../../tracker/domain/index.ts';
import type { VolumeRule } from './config.ts';

export type VolumeReading =
  | {
      readonly known: true;
      readonly volume: number;
      readonly average: number;
      readonly ratio: number;
      /** Sessions of the lookback that had a bar. */
      readonly sessions: number;
      readonly lookback: number;
      readonly from: string;
      readonly to: string;
    }
  | { readonly known: false; readonly sessions: number; readonly lookback: number; readonly why: string };

/** `bars` are the symbol's daily bars by session (dailyBarsBySession); `bar` is the analysed session's. */
export function readVolume(
  bar: PriceBar,
  session: string,
  bars: ReadonlyMap<string, PriceBar>,
  rule: Pick<VolumeRule, 'lookbackSessions' | 'minSessions'>,
  calendar: ExchangeCalendar,
): VolumeReading {
  const lookback = rule.lookbackSessions;
  const from = calendar.nthSessionAfter(session, -lookback);
  const to = calendar.previousSession(session);
  const volumes = [...bars].filter(([day]) => day >= from && day <= to).map(([, b]) => b.volume);
  const sessions = volumes.length;
  if (sessions < rule.minSessions) {
    const why =
      sessions === 0
        ? `no volume history in the ${lookback} sessions before ${session}`
        : `only ${sessions} of the ${lookback} sessions before ${session} have a bar (${rule.minSessions} needed)`;
    return { known: false, sessions, lookback, why };
  }
  const average = volumes.reduce((sum, v) => sum + v, 0) / sessions;
  if (!(average > 0)) {
    return {
      known: false,
      sessions,
      lookback,
      why: `no shares traded in the ${lookback} sessions before ${session}`,
    };
  }
  return {
    known: true,
    volume: bar.volume,
    average,
    ratio: bar.volume / average,
    sessions,
    lookback,
    from,
    to,
  };
}
