import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEARNING_CONFIG,
  evaluateProposals,
  NOT_ENOUGH_DATA,
} from '../../../streams/learning/domain/index.ts';
import {
  MARKET_VALUES_IN_FORCE,
  PLANTED_THRESHOLD,
  type PlantedOn,
  plantedMarket,
} from '../../support/planted-market.ts';

/*
 * 600 settled picks of 250 symbols, composite 50-100, VIGL 0.3-1, volume
 * spike 1-10, each uniform. On the planted attribute, picks at or above the
 * threshold return 15% on average over 30 days, the others -8% (noise 25).
 * Default configuration: 1,000 cluster resamples, 98% simultaneous intervals.
 */
const config = DEFAULT_LEARNING_CONFIG;
const SEEDS = Array.from({ length: 100 }, (_, i) => i + 1);
const parameterOf: Record<PlantedOn, string> = {
  composite_score: 'composite_score_threshold',
  vigl_score: 'vigl_score_threshold',
  volume_spike: 'volume_spike_min',
};

describe('a market with a planted signal', () => {
  it.each(Object.keys(parameterOf) as PlantedOn[])(
    'on %s: a value within one grid step of the planted threshold, confidence >= 0.9, in at least 95 of 100 seeds',
    (plantedOn) => {
      const parameter = parameterOf[plantedOn];
      const grid = config.parameters.find((p) => p.name === parameter)!.grid;
      const planted = grid.indexOf(PLANTED_THRESHOLD[plantedOn]);
      expect(planted).toBeGreaterThanOrEqual(0);
      const hits = SEEDS.filter((seed) => {
        const proposals = evaluateProposals(
          plantedMarket({ seed, plantedOn }),
          MARKET_VALUES_IN_FORCE,
          config,
          `seed-${seed}`,
        );
        const proposal = proposals.find((p) => p.parameter === parameter)!;
        return (
          proposal.earned &&
          Math.abs(grid.indexOf(proposal.proposed_value!) - planted) <= 1 &&
          proposal.confidence! >= 0.9
        );
      });
      console.log(`planted on ${plantedOn}: ${hits.length} of ${SEEDS.length} seeds`);
      expect(hits.length).toBeGreaterThanOrEqual(95);
    },
    60_000,
  );
});

describe('the same market with the scores shuffled', () => {
  it('earns no proposal, and says "not enough data", in at least 95 of 100 seeds', () => {
    const quiet = SEEDS.filter((seed) => {
      const proposals = evaluateProposals(
        plantedMarket({ seed, shuffled: true }),
        MARKET_VALUES_IN_FORCE,
        config,
        `seed-${seed}`,
      );
      return proposals.every(
        (p) => !p.earned && p.proposed_value === null && p.rationale.startsWith(NOT_ENOUGH_DATA),
      );
    });
    console.log(`shuffled: ${quiet.length} of ${SEEDS.length} seeds proposed nothing`);
    expect(quiet.length).toBeGreaterThanOrEqual(95);
  }, 60_000);
});
