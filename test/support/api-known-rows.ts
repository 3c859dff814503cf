/**
 * A small history with hand-computed answers for the API tests: two weekly
 * cohorts of recommendations (one restated, one stored twice, one pending),
 * one outside every window, their runs and health, three alerts (one
 * acknowledged through the acks table only) and dip analyses of three sessions
 * (two of them withdrawn by a later version).
 * Rows go in through the sinks' own mappers and writer, as the sink stores them.
 */

import type {
  Alert,
  DipAnalysis,
  DiscoveryRun,
  PipelineHealth,
  RecommendationOutcome,
} from '../../schemas/types.generated.ts';
import type { ClickhouseTarget } from '../../sinks/clickhouse/client.ts';
import { ackRow, alertRow } from '../../sinks/mapping/alert-rows.ts';
import { dipRow } from '../../sinks/mapping/dip-rows.ts';
import { candidateRows, runRow } from '../../sinks/mapping/discovery-rows.ts';
import { healthRow } from '../../sinks/mapping/health-rows.ts';
import { outcomeRow } from '../../sinks/mapping/outcome-rows.ts';
import { TABLES } from '../../sinks/schema/names.ts';
import { createClickhouseWriter } from '../../sinks/writer/clickhouse-writer.ts';
import { SAMPLES } from '../fixtures/avro/samples.ts';

/** The API's clock in these tests. */
export const NOW = Date.UTC(2026, 3, 30, 12, 0, 0);
export const RUN_A_END = Date.UTC(2026, 2, 3, 21, 0, 0);
export const RUN_B_END = Date.UTC(2026, 2, 10, 21, 0, 0);
const RUN_C_END = Date.UTC(2026, 1, 20, 21, 0, 0);

export interface Pick {
  readonly symbol: string;
  readonly composite: number;
  readonly vigl: number;
  readonly volumeSpike: number;
  /** Returns at days 1, 7, 14, 30; null = not reached yet. */
  readonly returns: readonly [number | null, number | null, number | null, number | null];
  readonly bought: boolean;
  readonly category: RecommendationOutcome['outcome_category'];
}

export const WEEK_A: readonly Pick[] = [
  {
    symbol: 'AONE',
    composite: 90,
    vigl: 0.9,
    volumeSpike: 4,
    returns: [2, 5, 10, 40],
    bought: false,
    category: 'STRONG',
  },
  {
    symbol: 'ATWO',
    composite: 80,
    vigl: 0.5,
    volumeSpike: 3,
    returns: [1, 2, 4, 10],
    bought: false,
    category: 'MODERATE',
  },
  {
    symbol: 'ATHR',
    composite: 70,
    vigl: 0.7,
    volumeSpike: 3,
    returns: [-1, -3, -4, -5],
    bought: false,
    category: 'POOR',
  },
  {
    symbol: 'AFOU',
    composite: 60,
    vigl: 0.1,
    volumeSpike: 3,
    returns: [3, 6, 12, 30],
    bought: true,
    category: 'STRONG',
  },
  {
    symbol: 'AFIV',
    composite: 50,
    vigl: 0.3,
    volumeSpike: 3,
    returns: [-2, -8, -15, -20],
    bought: false,
    category: 'FAILED',
  },
];

export const WEEK_B: readonly Pick[] = [
  {
    symbol: 'BONE',
    composite: 85,
    vigl: 0.6,
    volumeSpike: 1.5,
    returns: [4, 6, 20, 55],
    bought: false,
    category: 'EXPLOSIVE',
  },
  {
    symbol: 'BTWO',
    composite: 85,
    vigl: 0.2,
    volumeSpike: 3,
    returns: [0, 1, -2, 8],
    bought: false,
    category: 'MODERATE',
  },
  {
    symbol: 'BTHR',
    composite: 90,
    vigl: 0.8,
    volumeSpike: 3,
    returns: [-1, 2, 3, 5],
    bought: false,
    category: 'MODERATE',
  },
  {
    symbol: 'BFOU',
    composite: 75,
    vigl: 0.4,
    volumeSpike: 3,
    returns: [3, null, null, null],
    bought: false,
    category: null,
  },
];

const OUTSIDE: Pick = {
  symbol: 'CONE',
  composite: 95,
  vigl: 0.9,
  volumeSpike: 5,
  returns: [1, 2, 3, 100],
  bought: false,
  category: 'EXPLOSIVE',
};

const PRICE = 10;
const DAYS = [1, 7, 14, 30] as const;
const DAY_MS = 86_400_000;

/** A pick of a run as the tracker states it at `version`; missed when not bought and 30-day return ≥ 25%. */
export function outcome(
  runId: string,
  discoveredAt: number,
  pick: Pick,
  version: number,
): RecommendationOutcome {
  const r30 = pick.returns[3];
  return {
    ...SAMPLES['amc.learning.recommendation-outcomes.v1'],
    tracking_id: `${runId}:${pick.symbol}`,
    symbol: pick.symbol,
    run_id: runId,
    discovered_at: discoveredAt,
    discovery_price: PRICE,
    checkpoints: DAYS.map((days, i) => {
      const r = pick.returns[i]!;
      return {
        days,
        session_date: new Date(discoveredAt + (days + 1) * DAY_MS).toISOString().slice(0, 10),
        status: r === null ? ('PENDING' as const) : ('REACHED' as const),
        price: r === null ? null : PRICE * (1 + r / 100),
        return_pct: r,
        missing_reason: null,
        last_bar_session: null,
      };
    }),
    success: r30 === null ? null : r30 > 0,
    outcome_category: pick.category,
    bought: pick.bought,
    missed_opportunity: !pick.bought && r30 !== null && r30 >= 25,
    final: r30 !== null,
    version,
    as_of: discoveredAt + 45 * DAY_MS,
  };
}

function run(runId: string, finishedAt: number, picks: readonly Pick[], relaxed: boolean): DiscoveryRun {
  return {
    ...SAMPLES['amc.discovery.runs.v1'],
    run_id: runId,
    started_at: finishedAt - 9_000,
    finished_at: finishedAt,
    candidates: picks.map((p) => ({
      symbol: p.symbol,
      price: PRICE,
      composite_score: p.composite,
      vigl_score: p.vigl,
      factors: { volume_spike: p.volumeSpike },
      thesis: `thesis of ${p.symbol}`,
    })),
    parameters: { min_composite_score: 60, min_volume_spike: 2.5 },
    relaxed,
  };
}

function health(runId: string, finishedAt: number, score: number, healthy: boolean): PipelineHealth {
  return {
    ...SAMPLES['amc.learning.pipeline-health.v1'],
    run_id: runId,
    started_at: finishedAt - 9_000,
    finished_at: finishedAt,
    health_score: score,
    healthy,
  };
}

export const ALERT_IDS = {
  missedA: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1',
  missedB: 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2',
  unhealthyB: 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
} as const;

function alert(id: string, fields: Partial<Alert>): Alert {
  return {
    alert_id: id,
    type: 'MISSED_OPPORTUNITY',
    severity: 'WARNING',
    component: 'tracker',
    title: 'title',
    message: 'message',
    data: {},
    dedup_key: `key-${id}`,
    created_at: NOW,
    requires_ack: false,
    occurrences: 1,
    last_seen_at: NOW,
    acknowledged: false,
    acknowledged_by: null,
    acknowledged_at: null,
    ...fields,
  };
}

export const ALERTS: readonly Alert[] = [
  alert(ALERT_IDS.missedA, {
    created_at: Date.UTC(2026, 3, 14),
    last_seen_at: Date.UTC(2026, 3, 14),
    data: { symbol: 'AONE' },
  }),
  alert(ALERT_IDS.missedB, {
    severity: 'HIGH',
    created_at: Date.UTC(2026, 3, 21),
    last_seen_at: Date.UTC(2026, 3, 22),
    data: { symbol: 'BONE' },
  }),
  alert(ALERT_IDS.unhealthyB, {
    type: 'PIPELINE_UNHEALTHY',
    component: 'discovery_monitor',
    created_at: RUN_B_END,
    last_seen_at: RUN_B_END,
    data: { run_id: 'run-b', health: '0.75' },
  }),
];

function dip(
  symbol: string,
  session: string,
  action: DipAnalysis['action'],
  amount: number | null,
): DipAnalysis {
  return {
    ...SAMPLES['amc.learning.dip-analyses.v1'],
    analysis_id: `${symbol}:${session}`,
    symbol,
    session_date: session,
    analyzed_at: Date.parse(`${session}T13:30:00Z`),
    action,
    suggested_amount: amount,
  };
}

/** Later data withdrew an analysis: a new version says it no longer stands. */
const withdrawn = (analysis: DipAnalysis): DipAnalysis => ({
  ...analysis,
  withdrawn: true,
  final: true,
  version: analysis.version + 1,
});

const AMC_WITHDRAWN = dip('AMC', '2026-04-29', 'BUY_MORE', 3_000);
const SNDL_WITHDRAWN = dip('SNDL', '2026-04-27', 'BUY_MORE', 1_000);

/** In insert order: two analyses are stated, then withdrawn. */
export const DIPS: readonly DipAnalysis[] = [
  dip('QUBT', '2026-04-28', 'BUY_MORE', 5_000),
  dip('QUBT', '2026-04-29', 'BUY_MORE', 7_237.61),
  dip('SNDL', '2026-04-29', 'HOLD', null),
  AMC_WITHDRAWN,
  SNDL_WITHDRAWN,
  withdrawn(AMC_WITHDRAWN),
  withdrawn(SNDL_WITHDRAWN),
];

export async function insertKnownRows(target: ClickhouseTarget): Promise<void> {
  const writer = createClickhouseWriter(target);
  let offset = 0;
  const source = () => ({ partition: 0, offset: String(offset++) });
  const outcomes = [
    ...WEEK_A.map((p) => outcome('run-a', RUN_A_END, p, 3)),
    ...WEEK_B.map((p) => outcome('run-b', RUN_B_END, p, 3)),
    outcome('run-c', RUN_C_END, OUTSIDE, 3),
    // ATWO was first stated a missed opportunity, then restated; version 2 is also stored twice.
    { ...outcome('run-a', RUN_A_END, { ...WEEK_A[1]!, returns: [1, 2, 4, 99], category: 'EXPLOSIVE' }, 1) },
    outcome('run-a', RUN_A_END, WEEK_A[1]!, 2),
    outcome('run-a', RUN_A_END, WEEK_A[1]!, 2),
  ].filter((o) => !(o.tracking_id === 'run-a:ATWO' && o.version === 3));
  const runs = [
    run('run-a', RUN_A_END, WEEK_A, false),
    run('run-b', RUN_B_END, WEEK_B, true),
    run('run-c', RUN_C_END, [OUTSIDE], false),
  ];
  try {
    await writer.insert(
      TABLES.recommendationTracking,
      outcomes.map((o) => outcomeRow(o, source())),
    );
    await writer.insert(
      TABLES.discoveryRuns,
      runs.map((r) => runRow(r, source())),
    );
    await writer.insert(
      TABLES.discoveryCandidates,
      runs.flatMap((r) => candidateRows(r, source())),
    );
    await writer.insert(TABLES.pipelineHealthLog, [
      healthRow(health('run-a', RUN_A_END, 0.65, false), source()),
      healthRow(health('run-b', RUN_B_END, 0.75, false), source()),
    ]);
    await writer.insert(
      TABLES.alerts,
      ALERTS.map((a) => alertRow(a, source())),
    );
    await writer.insert(TABLES.alertAcks, [
      ackRow(
        {
          alert_id: ALERT_IDS.missedB,
          dedup_key: `key-${ALERT_IDS.missedB}`,
          acknowledged_by: 'ops',
          acknowledged_at: Date.UTC(2026, 3, 23),
          note: null,
        },
        source(),
      ),
    ]);
    await writer.insert(
      TABLES.dipAnalysisLog,
      DIPS.map((d) => dipRow(d, source())),
    );
  } finally {
    await writer.close();
  }
}
