/**
 * A small, varied data set in every table, built from records through the
 * sink's own mappers and dated relative to `today`, so the README's
 * "last 7 days" queries find rows: four weeks of runs with tied and spread
 * scores, restated and unsettled outcomes, missed opportunities, a
 * re-assessed run, dip analyses with versions (two withdrawn), a cycle that ran then
 * completed, parameter changes, acknowledged and open alerts, dead letters.
 */
import type {
  Alert,
  DipAnalysis,
  DiscoveryRun,
  LearningCycle,
  ParameterValue,
  PipelineHealth,
  RecommendationOutcome,
} from '../../schemas/types.generated.ts';
import { rowsOf, type SinkContract, type TableRow } from '../../sinks/mapping/routes.ts';
import type { Row } from '../../sinks/writer/contract.ts';
import { SAMPLES } from '../fixtures/avro/samples.ts';

const DAY = 86_400_000;

export type Dataset = ReadonlyMap<string, readonly Row[]>;

export function analystDataset(today: number = Date.now()): Dataset {
  const start = Math.floor(today / DAY) * DAY - 40 * DAY + 20 * 3_600_000;
  const tables = new Map<string, Row[]>();
  const offsets = new Map<string, number>();
  const add = <C extends SinkContract>(
    contract: C,
    record: Parameters<typeof rowsOf<C>>[1],
    partition = 0,
  ) => {
    const offset = offsets.get(contract) ?? 0;
    offsets.set(contract, offset + 1);
    for (const { table, row } of rowsOf(contract, record, {
      partition,
      offset: String(offset),
    }) as TableRow[]) {
      tables.set(table, [...(tables.get(table) ?? []), row]);
    }
  };

  for (let r = 0; r < 8; r++) {
    const finishedAt = start + r * 3 * DAY + r * 3_600_000;
    const runId = `run-${r}`;
    const candidates = Array.from({ length: 5 + (r % 3) }, (_, c) => ({
      symbol: `S${r}${c}`,
      price: 3 + r + c / 2,
      // Ties across and within runs, so mean ranks and quintile boundaries are exercised.
      composite_score: 40 + ((r * 7 + c * 11) % 6) * 10,
      vigl_score: ((r + c * 3) % 10) / 10,
      factors: { volume_spike: 1 + c, short_interest: r / 10 },
      thesis: c % 2 === 0 ? `thesis ${r}/${c}` : null,
    }));
    const run: DiscoveryRun = {
      ...SAMPLES['amc.discovery.runs.v1'],
      run_id: runId,
      started_at: finishedAt - 9_000 - r * 1000,
      finished_at: finishedAt,
      duration_ms: 9_000 + r * 1000,
      candidates,
      parameters: { min_composite_score: 50 + (r >= 4 ? 5 : 0), min_volume_spike: 2.5 },
      relaxed: r === 3,
    };
    add('amc.discovery.runs.v1', run, r % 3);
    const health: PipelineHealth = {
      ...SAMPLES['amc.learning.pipeline-health.v1'],
      run_id: runId,
      started_at: run.started_at,
      finished_at: finishedAt,
      duration_ms: run.duration_ms,
      candidate_count: candidates.length,
      health_score: 0.5 + r / 20,
      healthy: r % 4 !== 1,
    };
    add('amc.learning.pipeline-health.v1', health, r % 3);
    if (r === 2)
      add('amc.learning.pipeline-health.v1', { ...health, health_score: 0.42, healthy: false }, r % 3);

    candidates.forEach((candidate, c) => {
      const settledReturn = ((r * 13 + c * 29) % 90) - 30 + c / 4;
      const final = r < 6;
      const outcome = (
        version: number,
        returnPct: number | null,
        isFinal: boolean,
      ): RecommendationOutcome => ({
        ...SAMPLES['amc.learning.recommendation-outcomes.v1'],
        tracking_id: `${runId}:${candidate.symbol}`,
        run_id: runId,
        symbol: candidate.symbol,
        discovered_at: finishedAt,
        discovery_price: candidate.price,
        checkpoints: [1, 7, 14, 30].map((days, i) => ({
          days,
          session_date: new Date(finishedAt + (days + 1) * DAY).toISOString().slice(0, 10),
          status: i < 3 || returnPct !== null ? 'REACHED' : 'PENDING',
          price: i < 3 || returnPct !== null ? candidate.price * (1 + (returnPct ?? c) / 100) : null,
          return_pct: i < 3 ? (returnPct ?? c) / (4 - i) : returnPct,
          missing_reason: null,
          last_bar_session: null,
        })),
        peak_return_pct: Math.max(returnPct ?? 0, 5),
        success: returnPct === null ? null : returnPct > 0,
        outcome_category:
          returnPct === null
            ? null
            : returnPct >= 50
              ? 'EXPLOSIVE'
              : returnPct >= 20
                ? 'STRONG'
                : returnPct >= 5
                  ? 'MODERATE'
                  : returnPct > -10
                    ? 'POOR'
                    : 'FAILED',
        bought: c % 3 === 0,
        missed_opportunity: c % 3 !== 0 && returnPct !== null && returnPct >= 25,
        final: isFinal,
        version,
        as_of: finishedAt + version * 5 * DAY,
      });
      add('amc.learning.recommendation-outcomes.v1', outcome(1, null, false), c % 3);
      if (final) {
        add('amc.learning.recommendation-outcomes.v1', outcome(2, settledReturn - 3, true), c % 3);
        // A late bar restates some outcomes; the stale version must never be read as the latest.
        if (c % 2 === 0)
          add('amc.learning.recommendation-outcomes.v1', outcome(3, settledReturn, true), c % 3);
        // The same version delivered twice.
        if (c === 1)
          add('amc.learning.recommendation-outcomes.v1', outcome(2, settledReturn - 3, true), c % 3);
      }
    });
  }

  for (const [s, symbol] of ['QUBT', 'SNDL', 'AMC'].entries()) {
    for (let day = 0; day < 3; day++) {
      const analyzedAt = start + (30 + day + s) * DAY;
      const analysis: DipAnalysis = {
        ...SAMPLES['amc.learning.dip-analyses.v1'],
        analysis_id: `${symbol}:${new Date(analyzedAt).toISOString().slice(0, 10)}`,
        symbol,
        session_date: new Date(analyzedAt).toISOString().slice(0, 10),
        analyzed_at: analyzedAt,
        thesis_strength: 0.5 + s / 5,
        action: s === 1 ? 'HOLD' : 'BUY_MORE',
        version: 0,
      };
      add('amc.learning.dip-analyses.v1', analysis);
      if (day === 0) {
        add('amc.learning.dip-analyses.v1', {
          ...analysis,
          outcome_price_30d: 7 + s,
          outcome_return_pct_30d: 11.1 - s * 10,
          outcome_success: s === 0,
          final: true,
          version: 1,
        });
      }
      // Later data withdrew QUBT's newest analysis and AMC's of the middle day.
      if ((symbol === 'QUBT' && day === 2) || (symbol === 'AMC' && day === 1)) {
        add('amc.learning.dip-analyses.v1', { ...analysis, withdrawn: true, final: true, version: 1 });
      }
    }
  }

  const cycle: LearningCycle = {
    ...SAMPLES['amc.learning.cycles.v1'],
    window_start: start,
    window_end: start + 7 * DAY,
  };
  add('amc.learning.cycles.v1', { ...cycle, status: 'RUNNING', completed_at: null, tracker: null });
  add('amc.learning.cycles.v1', { ...cycle, started_at: cycle.started_at });

  const parameter = (name: string, value: number, previous: number | null, at: number): ParameterValue => ({
    ...SAMPLES['amc.learning.parameters.v1'],
    name,
    value,
    previous_value: previous,
    applied_at: at,
  });
  add('amc.learning.parameters.v1', parameter('min_composite_score', 50, null, start));
  add('amc.learning.parameters.v1', parameter('min_composite_score', 55, 50, start + 12 * DAY));
  add('amc.learning.parameters.v1', parameter('min_volume_spike', 2.5, null, start));

  const alert = (i: number, severity: Alert['severity'], over: Partial<Alert> = {}): Alert => ({
    ...SAMPLES['amc.learning.alerts.v1'],
    alert_id: `alert-${i}`,
    dedup_key: `key-${i}`,
    severity,
    type: i % 2 === 0 ? 'MISSED_OPPORTUNITY' : 'PIPELINE_UNHEALTHY',
    created_at: start + (i * 4 + 2) * DAY,
    last_seen_at: start + (i * 4 + 3) * DAY,
    requires_ack: severity === 'CRITICAL' || severity === 'EMERGENCY',
    ...over,
  });
  const severities: Alert['severity'][] = [
    'INFO',
    'WARNING',
    'HIGH',
    'CRITICAL',
    'EMERGENCY',
    'HIGH',
    'CRITICAL',
  ];
  for (const [i, severity] of severities.entries()) {
    // Two alerts name the run they are about, as the monitor's do.
    const about = i === 4 || i === 5 ? { data: { run_id: 'run-6', health_score: '0.42' } } : {};
    add('amc.learning.alerts.v1', alert(i, severity, about));
  }
  add(
    'amc.learning.alerts.v1',
    alert(3, 'CRITICAL', { acknowledged: true, acknowledged_by: 'ops', acknowledged_at: start + 16 * DAY }),
  );
  add('amc.learning.alert-acks.v1', {
    ...SAMPLES['amc.learning.alert-acks.v1'],
    alert_id: 'alert-3',
    dedup_key: 'key-3',
    acknowledged_at: start + 16 * DAY,
  });
  // Acknowledged, but the alert record saying so has not arrived.
  add('amc.learning.alert-acks.v1', {
    ...SAMPLES['amc.learning.alert-acks.v1'],
    alert_id: 'alert-6',
    dedup_key: 'key-6',
    acknowledged_at: start + 30 * DAY,
  });

  add('amc.learning.dead-letters.v1', SAMPLES['amc.learning.dead-letters.v1']);
  add('amc.learning.dead-letters.v1', {
    ...SAMPLES['amc.learning.dead-letters.v1'],
    source_offset: 120_456,
    processor: 'tracker',
    reason_code: 'NON_POSITIVE_PRICE',
    reason: 'close = 0',
  });
  return tables;
}

/** One `INSERT ... FORMAT JSONEachRow` statement per table, rows after the SQL, as both engines read it. */
export function insertStatements(dataset: Dataset): string[] {
  return [...dataset].map(
    ([table, rows]) =>
      `INSERT INTO ${table} FORMAT JSONEachRow\n${rows.map((r) => JSON.stringify(r)).join('\n')}\n`,
  );
}
