/**
 * The names the validator reports, in one place: every thesis factor it can
 * list, by the name on the record. Each factor of the rule is always listed,
 * with a delta of 0 when it does not apply, so a reader sees what was
 * weighed and why it did or did not count.
 */
export const ThesisFactorCode = {
  VOLUME_CONFIRMED: 'volume_confirmed',
  VOLUME_WEAKENING: 'volume_weakening',
  /** The thesis rests on volume but the holding has too little volume history to say. */
  VOLUME_UNKNOWN: 'volume_unknown',
  VOLUME_NOT_IN_THESIS: 'volume_not_in_thesis',
  CATALYST_WINDOW: 'catalyst_window',
  CATALYST_EXPIRED: 'catalyst_expired',
  CATALYST_NOT_IN_THESIS: 'catalyst_not_in_thesis',
  DRAWDOWN_CONTAINED: 'drawdown_contained',
  DRAWDOWN_DEEP: 'drawdown_deep',
} as const;

export type ThesisFactorCode = (typeof ThesisFactorCode)[keyof typeof ThesisFactorCode];

/** The deterministic id of an analysis: one per holding and daily bar. */
export function analysisIdOf(symbol: string, session: string): string {
  return `${symbol}:${session}`;
}
