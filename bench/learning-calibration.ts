/**
 * How often the learning cycle proposes a change it should not (scores
 * shuffled: no signal) and finds one it should (a planted threshold), and
 * what a cycle's evidence costs, with the default configuration, over many
 * generated markets. The statistical claims of the README come from here.
 *
 *   npm run bench:learning [-- --seeds 500 --picks 600] > bench/results/learning-calibration.txt
 */
import { parseArgs } from 'node:util';
import { DEFAULT_LEARNING_CONFIG, evaluateProposals } from '../streams/learning/domain/index.ts';
import {
  MARKET_VALUES_IN_FORCE,
  PLANTED_THRESHOLD,
  type PlantedOn,
  plantedMarket,
} from '../test/support/planted-market.ts';

const { values } = parseArgs({
  options: { seeds: { type: 'string', default: '500' }, picks: { type: 'string', default: '600' } },
});
const seeds = Number(values.seeds);
const picks = Number(values.picks);
const config = DEFAULT_LEARNING_CONFIG;
const parameterOf: Record<PlantedOn, string> = {
  composite_score: 'composite_score_threshold',
  vigl_score: 'vigl_score_threshold',
  volume_spike: 'volume_spike_min',
};

/** Wilson score interval of a proportion, 95%. */
function wilson(successes: number, n: number): string {
  const z = 1.96;
  const p = successes / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return `${(100 * p).toFixed(1)}% (95% interval ${Math.max(0, 100 * (centre - half)).toFixed(1)}-${Math.min(100, 100 * (centre + half)).toFixed(1)}%)`;
}

const lines = [
  `learning-cycle calibration: ${seeds} seeds per case, ${picks} settled picks each, node ${process.version}, ${new Date().toISOString()}`,
  `config: ${config.bootstrap.resamples} cluster resamples, ${config.bootstrap.intervalLevel} simultaneous intervals, ` +
    `min sample ${config.minSample}, min kept ${config.minKept}, explosive share kept >= ${config.minExplosiveShareKept}, ` +
    `parsimony ${config.parsimonyStandardErrors} SE, ${config.parameters.length} parameters (${config.parameters.map((p) => p.grid.length).join('+')} grid values)`,
  '',
];

let spurious = 0;
const began = performance.now();
for (let seed = 1; seed <= seeds; seed++) {
  const proposals = evaluateProposals(
    plantedMarket({ seed, picks, shuffled: true }),
    MARKET_VALUES_IN_FORCE,
    config,
    `s${seed}`,
  );
  if (proposals.some((p) => p.earned)) spurious++;
}
const perCycleMs = (performance.now() - began) / seeds;
lines.push(`shuffled scores: a cycle proposed something in ${wilson(spurious, seeds)} of markets`);

for (const plantedOn of Object.keys(parameterOf) as PlantedOn[]) {
  const parameter = parameterOf[plantedOn];
  const grid = config.parameters.find((p) => p.name === parameter)!.grid;
  const planted = grid.indexOf(PLANTED_THRESHOLD[plantedOn]);
  let found = 0;
  let exact = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const proposal = evaluateProposals(
      plantedMarket({ seed, picks, plantedOn }),
      MARKET_VALUES_IN_FORCE,
      config,
      `s${seed}`,
    ).find((p) => p.parameter === parameter)!;
    const step = proposal.earned
      ? Math.abs(grid.indexOf(proposal.proposed_value!) - planted)
      : Number.POSITIVE_INFINITY;
    if (step <= 1 && proposal.confidence! >= 0.9) found++;
    if (step === 0) exact++;
  }
  lines.push(
    `planted on ${plantedOn} at ${PLANTED_THRESHOLD[plantedOn]}: within one grid step with confidence >= 0.9 in ` +
      `${wilson(found, seeds)}; exactly the planted value in ${wilson(exact, seeds)}`,
  );
}
lines.push(
  '',
  `mean time of one cycle's proposals (three parameters, shuffled markets): ${perCycleMs.toFixed(1)} ms`,
);
console.log(lines.join('\n'));
