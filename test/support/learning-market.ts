/**
 * A market with a planted signal, fed to the whole job the way upstream
 * would: discovery runs (ten picks each, after the close) and daily bars, so
 * the tracker computes the 30-day outcomes the coordinator learns from.
 * Every pick's symbol is its own; its bars are flat at the close that gives
 * its planted 30-day return. Picks scoring 70 or more return 15% on average,
 * the others -8% (noise 20%).
 *
 * Discoveries: ten per session on the twenty sessions from Monday 5 January
 * to Monday 2 February 2026; bars for the 35 sessions after each (NYSE
 * holidays 19 January, 16 February and 3 April skipped), the last on Tuesday
 * 24 March.
 */

import type { Kafka } from 'kafkajs';
import type { DiscoveryRun, MarketBar, PipelineHealth } from '../../schemas/types.generated.ts';
import type { Serde } from '../../streams/serde/serde.ts';
import { SAMPLES } from '../fixtures/avro/samples.ts';
import { dailyBar, discoveryRun, weekdaysFrom } from './market.ts';
import { lcg, MARKET_VALUES_IN_FORCE } from './planted-market.ts';
import { produceAvro, type TrackerRun } from './tracker-run.ts';

const HOLIDAYS = ['2026-01-19', '2026-02-16', '2026-04-03'];
const DISCOVERY_DAYS = weekdaysFrom('2026-01-05', 20, HOLIDAYS);
const PICKS_PER_DAY = 10;
export const PLANTED_COMPOSITE_THRESHOLD = 70;

export interface LearningMarket {
  readonly runs: DiscoveryRun[];
  readonly bars: MarketBar[];
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

export function learningMarket(seed = 11): LearningMarket {
  const random = lcg(seed);
  const runs: DiscoveryRun[] = [];
  const bars: MarketBar[] = [];
  DISCOVERY_DAYS.forEach((day, d) => {
    const candidates = Array.from({ length: PICKS_PER_DAY }, (_, k) => {
      const composite = Number((50 + random() * 50).toFixed(1));
      const centre = composite >= PLANTED_COMPOSITE_THRESHOLD ? 15 : -8;
      const planted = Math.max(-90, centre + 20 * gaussian(random));
      const symbol = `L${String(d * PICKS_PER_DAY + k).padStart(3, '0')}`;
      const sessions = weekdaysFrom(day, 36, HOLIDAYS).slice(1);
      const close = Number((10 * (1 + planted / 100)).toFixed(4));
      for (const session of sessions) bars.push(dailyBar(symbol, session, close, { high: 0.01, low: 0.01 }));
      return {
        symbol,
        price: 10,
        composite_score: composite,
        vigl_score: Number((0.3 + random() * 0.7).toFixed(3)),
        factors: { volume_spike: Number((1 + random() * 9).toFixed(2)) },
        thesis: null,
      };
    });
    const run = discoveryRun(`run-${day}`, Date.parse(`${day}T21:05:00Z`), []);
    runs.push({ ...run, stages: [], candidates, parameters: { ...MARKET_VALUES_IN_FORCE } });
  });
  return { runs, bars: bars.sort((a, b) => a.timestamp - b.timestamp) };
}

/**
 * Publishes the market as upstream would, bars before runs (an unhelpful
 * order) and with wall-clock Kafka timestamps: event time comes from the records.
 */
export async function publishMarket(
  kafka: Kafka,
  serde: Serde,
  run: TrackerRun,
  market: LearningMarket,
): Promise<void> {
  await produceAvro(
    kafka,
    serde,
    run.topics.bars,
    'amc.market.bars.v1',
    market.bars.map((value) => ({ key: value.symbol, value })),
  );
  await produceAvro(
    kafka,
    serde,
    run.topics.discoveryRuns,
    'amc.discovery.runs.v1',
    market.runs.map((value) => ({ key: value.run_id, value })),
  );
}

/** A pipeline health record (the recorded sample) of a run that finished at `finishedAt`. */
export function healthAt(runId: string, finishedAt: number): PipelineHealth {
  const sample = SAMPLES['amc.learning.pipeline-health.v1'];
  return { ...sample, run_id: runId, started_at: finishedAt - sample.duration_ms, finished_at: finishedAt };
}

/** A dip analysis (the recorded sample) of `analyzedAt`. */
export function dipAt(analyzedAt: number) {
  const sample = SAMPLES['amc.learning.dip-analyses.v1'];
  const session = new Date(analyzedAt).toISOString().slice(0, 10);
  return {
    ...sample,
    analysis_id: `${sample.symbol}:${session}`,
    session_date: session,
    analyzed_at: analyzedAt,
  };
}
