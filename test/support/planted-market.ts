/**
 * Generated markets of settled picks for the learning cycle's evidence: a
 * planted signal on one attribute (picks at or above a known threshold
 * return more on average over 30 days), or none (scores shuffled). The
 * generator is the test's own (a linear congruential one), so the answers
 * do not come from the code under test.
 */
import type { SettledPick } from '../../streams/learning/domain/index.ts';

export type PlantedOn = 'composite_score' | 'vigl_score' | 'volume_spike';

export interface MarketOptions {
  readonly seed: number;
  readonly picks?: number;
  readonly symbols?: number;
  /** Which attribute carries the signal, and from which value. */
  readonly plantedOn?: PlantedOn;
  readonly threshold?: number;
  /** Mean 30-day return (percent) below and at/above the threshold. */
  readonly meanBelow?: number;
  readonly meanAbove?: number;
  readonly noise?: number;
  /** Shuffle the planted attribute across picks: same values, no signal. */
  readonly shuffled?: boolean;
}

export function lcg(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** Default thresholds of a planted signal per attribute, each a value of the default grids. */
export const PLANTED_THRESHOLD: Readonly<Record<PlantedOn, number>> = {
  composite_score: 70,
  vigl_score: 0.6,
  volume_spike: 4,
};

export function plantedMarket(options: MarketOptions): SettledPick[] {
  const random = lcg(options.seed);
  const count = options.picks ?? 600;
  const symbols = options.symbols ?? 250;
  const plantedOn = options.plantedOn ?? 'composite_score';
  const threshold = options.threshold ?? PLANTED_THRESHOLD[plantedOn];
  const draw = () => ({
    composite_score: round(50 + random() * 50, 1),
    vigl_score: round(0.3 + random() * 0.7, 3),
    volume_spike: round(1 + random() * 9, 2),
  });
  const attributes = Array.from({ length: count }, draw);
  const returns = attributes.map((a) => {
    const above = a[plantedOn] >= threshold;
    const centre = above ? (options.meanAbove ?? 15) : (options.meanBelow ?? -8);
    return round(centre + (options.noise ?? 25) * gaussian(random), 2);
  });
  if (options.shuffled) {
    const values = attributes.map((a) => a[plantedOn]);
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    values.forEach((value, i) => {
      attributes[i] = { ...attributes[i]!, [plantedOn]: value };
    });
  }
  return attributes.map((a, i) => ({
    tracking_id: `R${Math.floor(i / 12)}:P${i}`,
    symbol: `S${Math.floor(random() * symbols)}`,
    composite_score: a.composite_score,
    vigl_score: a.vigl_score,
    factors: { volume_spike: a.volume_spike },
    return_30d: returns[i]!,
    explosive: returns[i]! >= 50,
  }));
}

/** The values in force of the generated market: every pick passed them. */
export const MARKET_VALUES_IN_FORCE = {
  composite_score_threshold: 50,
  vigl_score_threshold: 0.3,
  volume_spike_min: 1,
};
