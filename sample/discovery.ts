/**
 * One discovery run after each session's close. Candidates are drawn half
 * from the day's heaviest volume and half at random; their composite score
 * carries a real but noisy signal about the next 30 sessions (so quintiles
 * and the information coefficient show something, and a learning cycle has
 * a threshold to find), their VIGL score a weaker one. Stage counts follow a
 * funnel; timings are at the monitor's expected rates with noise, sometimes
 * degraded (a slow stage, too few candidates, a relaxed run), and sometimes
 * missing, as the upstream job often reports none.
 */
import type { DiscoveryCandidate, DiscoveryRun, DiscoveryStage } from '../schemas/types.generated.ts';
import { instantAtLocal } from '../streams/shared/zoned-time.ts';
import { EXCHANGE_TIME_ZONE, type SymbolPath } from './prices.ts';
import type { Draws } from './random.ts';

const HORIZON = 30;

/** Stage names and the symbols per second the monitor expects of each (DESIGN.md). */
const STAGES: readonly [string, number, number][] = [
  ['universe_loading', 10_000, 1],
  ['price_filtering', 5_000, 0.6],
  ['volume_filtering', 1_000, 0.35],
  ['squeeze_detection', 100, 0.1],
  ['final_ranking', 1_000, 0],
];

export const SAMPLE_PARAMETERS = Object.freeze({
  composite_score_threshold: 60,
  vigl_score_threshold: 0.5,
  volume_spike_min: 1.5,
});

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
const round = (x: number, decimals: number) => Number(x.toFixed(decimals));

function forwardReturn(path: SymbolPath, k: number): number | null {
  const now = path.bars[k]?.close;
  let later: number | undefined;
  for (let j = Math.min(k + HORIZON, path.bars.length - 1); j > k && later === undefined; j--)
    later = path.bars[j]?.close;
  return now === undefined || later === undefined ? null : later / now - 1;
}

function candidateOf(path: SymbolPath, k: number, random: Draws): DiscoveryCandidate {
  const bar = path.bars[k]!;
  const forward = forwardReturn(path, k) ?? 0;
  const composite = clamp(55 + 20 * Math.tanh(forward / 0.15) + 14 * random.normal(), 1, 99);
  const vigl = clamp(0.5 + 0.05 * Math.tanh(forward / 0.2) + 0.22 * random.normal(), 0, 1);
  const earlier = path.bars[Math.max(0, k - 5)]?.close ?? bar.close;
  const spike = path.volumeSpike[k]!;
  const catalyst = random.chance(0.3);
  return {
    symbol: path.symbol,
    price: bar.close,
    composite_score: round(composite, 2),
    vigl_score: round(vigl, 3),
    factors: {
      volume_spike: round(spike, 2),
      momentum_5d_pct: round((bar.close / earlier - 1) * 100, 2),
    },
    thesis: catalyst
      ? `catalyst ahead within weeks; volume ${round(spike, 1)}x its 20-day average`
      : `volume breakout: ${round(spike, 1)}x its 20-day average volume`,
  };
}

function stagesOf(universe: number, candidates: number, random: Draws): DiscoveryStage[] {
  const slow = random.chance(0.08) ? random.below(STAGES.length) : -1;
  const timed = !random.chance(0.1);
  let symbolsIn = universe * 5;
  return STAGES.map(([name, rate, share], i) => {
    const symbolsOut =
      i === STAGES.length - 1 ? candidates : Math.max(candidates, Math.round(universe * share));
    const seconds = (symbolsIn / rate) * Math.exp(0.15 * random.normal()) * (i === slow ? 4 : 1);
    const stage: DiscoveryStage = {
      name,
      duration_ms: timed ? Math.max(1, Math.round(seconds * 1000)) : null,
      symbols_in: symbolsIn,
      symbols_out: symbolsOut,
      rejections: i === 0 ? {} : { below_threshold: symbolsIn - symbolsOut },
    };
    symbolsIn = symbolsOut;
    return stage;
  });
}

/** The run after session k, or null when too few symbols traded that day. */
export function discoveryRunOf(
  session: string,
  k: number,
  paths: readonly SymbolPath[],
  perRun: number,
  random: Draws,
  timeZone: string = EXCHANGE_TIME_ZONE,
): DiscoveryRun | null {
  const trading = paths.filter((p) => p.bars[k] !== null);
  if (trading.length < perRun) return null;
  // A thin day now and then: the job relaxes its thresholds and still finds too few.
  const thin = random.chance(0.05);
  const count = thin ? 3 : perRun;
  const byVolume = [...trading].sort(
    (a, b) => b.volumeSpike[k]! - a.volumeSpike[k]! || (a.symbol < b.symbol ? -1 : 1),
  );
  const chosen = new Set(byVolume.slice(0, Math.ceil(count / 2)).map((p) => p.symbol));
  while (chosen.size < count) chosen.add(trading[random.below(trading.length)]!.symbol);
  const candidates = trading.filter((p) => chosen.has(p.symbol)).map((p) => candidateOf(p, k, random));
  const stages = stagesOf(paths.length, candidates.length, random);
  const finishedAt = instantAtLocal(session, 16, 30, timeZone);
  const measured = stages.reduce((sum, s) => sum + (s.duration_ms ?? 0), 0);
  const duration = Math.round(measured > 0 ? measured + 400 : 6_000 + 2_000 * Math.abs(random.normal()));
  return {
    run_id: `sample-${session.replaceAll('-', '')}-1630`,
    started_at: finishedAt - duration,
    finished_at: finishedAt,
    duration_ms: duration,
    stages,
    candidates: candidates.sort((a, b) => b.composite_score - a.composite_score),
    parameters: { ...SAMPLE_PARAMETERS },
    relaxed: thin,
  };
}
