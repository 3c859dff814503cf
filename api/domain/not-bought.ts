/**
 * Why a recommendation was not bought, from what was known at discovery: the
 * candidate's scores against the thresholds its run had in force. A
 * candidate that cleared every threshold was simply not acted on.
 */

export const NOT_BOUGHT_REASONS = {
  BELOW_MIN_COMPOSITE_SCORE: 'composite score below the run’s min_composite_score',
  BELOW_MIN_VOLUME_SPIKE: 'volume spike below the run’s min_volume_spike',
  RELAXED_RUN: 'found by a run that had relaxed its thresholds',
  NO_POSITION_OPENED: 'cleared every threshold in force, but no position was opened within the buy window',
  DISCOVERY_NOT_RECORDED: 'the discovery run has not reached ClickHouse, so its scores are unknown',
} as const;

export type NotBoughtReason = keyof typeof NOT_BOUGHT_REASONS;

export interface DiscoveryFacts {
  readonly compositeScore: number;
  readonly factors: Readonly<Record<string, number>>;
  readonly relaxed: boolean;
  /** Parameters in force for the run, by the names of amc.learning.parameters.v1. */
  readonly parameters: Readonly<Record<string, number>>;
}

/** Thresholds a candidate is held against: the run's parameter and the candidate's measure. */
const THRESHOLDS: readonly {
  readonly parameter: string;
  readonly reason: NotBoughtReason;
  readonly measure: (facts: DiscoveryFacts) => number | undefined;
}[] = [
  { parameter: 'min_composite_score', reason: 'BELOW_MIN_COMPOSITE_SCORE', measure: (f) => f.compositeScore },
  { parameter: 'min_volume_spike', reason: 'BELOW_MIN_VOLUME_SPIKE', measure: (f) => f.factors.volume_spike },
];

export function notBoughtReasons(facts: DiscoveryFacts | undefined): NotBoughtReason[] {
  if (facts === undefined) return ['DISCOVERY_NOT_RECORDED'];
  const reasons: NotBoughtReason[] = [];
  for (const { parameter, reason, measure } of THRESHOLDS) {
    const threshold = facts.parameters[parameter];
    const value = measure(facts);
    if (threshold !== undefined && value !== undefined && value < threshold) reasons.push(reason);
  }
  if (facts.relaxed) reasons.push('RELAXED_RUN');
  return reasons.length > 0 ? reasons : ['NO_POSITION_OPENED'];
}
