import { describe, expect, it } from 'vitest';
import { MappingError } from '../../../sinks/mapping/columns.ts';
import { eventTimeOf, rowsOf, SINK_CONTRACTS } from '../../../sinks/mapping/routes.ts';
import { TABLES } from '../../../sinks/schema/names.ts';
import { tableDefinitions } from '../../../sinks/schema/table-ddl.ts';
import { createMemoryWriter } from '../../../sinks/writer/memory-writer.ts';
import { SAMPLES } from '../../fixtures/avro/samples.ts';

const source = { partition: 2, offset: '41' };

/** The one row of a sample record. */
function onlyRow<C extends (typeof SINK_CONTRACTS)[number]>(contract: C): Record<string, unknown> {
  const rows = rowsOf(contract, SAMPLES[contract] as never, source);
  expect(rows).toHaveLength(1);
  return rows[0]!.row as Record<string, unknown>;
}
const tables = tableDefinitions();

describe('rows of every sunk contract', () => {
  it.each(SINK_CONTRACTS)(
    '%s: every row fills exactly its table columns, in types the table takes',
    async (contract) => {
      const rows = rowsOf(contract, SAMPLES[contract] as never, source);
      expect(rows.length).toBeGreaterThan(0);
      const writer = createMemoryWriter();
      for (const { table, row } of rows) {
        expect(Object.keys(row).sort()).toEqual(
          tables
            .get(table)!
            .columns.map((c) => c.name)
            .sort(),
        );
        expect(row).toMatchObject({ kafka_partition: 2, kafka_offset: '41' });
        await writer.insert(table, [row]);
      }
    },
  );

  it('the sunk contracts are the output topics plus discovery runs and alert acknowledgements', () => {
    expect([...SINK_CONTRACTS].sort()).toEqual(
      [
        'amc.discovery.runs.v1',
        'amc.learning.alert-acks.v1',
        'amc.learning.alerts.v1',
        'amc.learning.cycles.v1',
        'amc.learning.dead-letters.v1',
        'amc.learning.dip-analyses.v1',
        'amc.learning.parameters.v1',
        'amc.learning.pipeline-health.v1',
        'amc.learning.recommendation-outcomes.v1',
      ].sort(),
    );
  });
});

describe('recommendation_tracking rows', () => {
  const [{ table, row }] = rowsOf(
    'amc.learning.recommendation-outcomes.v1',
    SAMPLES['amc.learning.recommendation-outcomes.v1'],
    source,
  ) as [{ table: string; row: Record<string, unknown> }];

  it('put each standard checkpoint in its own columns; an absent one is null', () => {
    expect(table).toBe(TABLES.recommendationTracking);
    expect(row).toMatchObject({
      tracking_id: 'run-2025-03-14-1300:QUBT',
      discovered_at: '2025-03-14 13:00:09',
      session_1d: '2025-03-17',
      status_1d: 'REACHED',
      price_1d: 7.98,
      return_1d: 7.547169811320755,
      missing_reason_1d: null,
      status_7d: 'MISSING',
      price_7d: null,
      missing_reason_7d: 'HALTED',
      status_14d: 'PENDING',
      session_30d: null,
      status_30d: null,
      return_30d: null,
    });
  });

  it('keep every checkpoint in parallel arrays and the flags as 0/1', () => {
    expect(row).toMatchObject({
      checkpoint_days: [1, 7, 14],
      checkpoint_statuses: ['REACHED', 'MISSING', 'PENDING'],
      checkpoint_prices: [7.98, null, null],
      success: null,
      bought: 1,
      missed_opportunity: 0,
      is_final: 0,
      version: 3,
      as_of: '2025-03-26 13:30:00',
    });
  });

  it('refuse an instant a DateTime column cannot hold', () => {
    const outcome = { ...SAMPLES['amc.learning.recommendation-outcomes.v1'], as_of: -1 };
    expect(() => rowsOf('amc.learning.recommendation-outcomes.v1', outcome, source)).toThrowError(
      MappingError,
    );
  });
});

describe('rows of the other contracts', () => {
  it('a run gives its discovery_runs row and one ranked candidate row per candidate', () => {
    const rows = rowsOf('amc.discovery.runs.v1', SAMPLES['amc.discovery.runs.v1'], source);
    expect(rows.map((r) => r.table)).toEqual([
      TABLES.discoveryRuns,
      TABLES.discoveryCandidates,
      TABLES.discoveryCandidates,
    ]);
    expect(rows[0]!.row).toMatchObject({
      candidate_count: 2,
      stage_duration_ms: [410, null, 35],
      rejection_stages: ['price_filtering', 'price_filtering'],
      rejection_reasons: ['price_above_max', 'price_below_min'],
      rejection_counts: [3002, 288],
      parameter_names: ['min_composite_score', 'min_volume_spike'],
      parameter_values: [60, 2.5],
      version: '41',
    });
    expect(rows.slice(1).map((r) => r.row)).toMatchObject([
      { tracking_id: 'run-2025-03-14-1300:QUBT', rank: 1, factor_names: ['volume_spike', 'short_interest'] },
      { tracking_id: 'run-2025-03-14-1300:SNDL', rank: 2, factor_names: [], thesis: null },
    ]);
  });

  it('an alert carries the rank of its severity', () => {
    const row = onlyRow('amc.learning.alerts.v1');
    expect(row).toMatchObject({
      severity: 'HIGH',
      severity_rank: 2,
      data_keys: ['symbol', 'return_30d_pct'],
    });
  });

  it('a dead letter keeps its bytes as base64 and "" for a decoding rejection', () => {
    const row = onlyRow('amc.learning.dead-letters.v1');
    expect(row).toMatchObject({
      key_base64: Buffer.from('QUBT').toString('base64'),
      value_base64: 'AAAAAAcI',
      processor: '',
      source_offset: 120455,
    });
  });

  it('health scores get a column per known component', () => {
    const row = onlyRow('amc.learning.pipeline-health.v1');
    expect(row).toMatchObject({
      processing_time_score: 0.82,
      candidate_count_score: 0.4,
      stage_efficiency_score: null,
    });
  });

  it('a health row keeps the advice and each baseline measure in parallel arrays', () => {
    const row = onlyRow('amc.learning.pipeline-health.v1');
    expect(row).toMatchObject({
      recommendations: ['price_filtering has no timing: its efficiency is not scored'],
      baseline_measures: ['duration_ms', 'stage_rate:universe_loading'],
      baseline_values: [9_450, 12_487.8],
      baseline_samples: [20, 2],
      baseline_medians: [8_100, 12_000],
      baseline_mads: [300, 150],
      baseline_deviations: [3.04, null],
      baseline_drifting: [1, 0],
      baseline_above: [1, null],
      baseline_consecutive_runs: [3, 0],
      baseline_sustained: [1, 0],
    });
  });

  it('a dip analysis row says whether it was withdrawn', () => {
    expect(onlyRow('amc.learning.dip-analyses.v1')).toMatchObject({ withdrawn: 0 });
    const withdrawn = { ...SAMPLES['amc.learning.dip-analyses.v1'], withdrawn: true, final: true };
    const [{ row }] = rowsOf('amc.learning.dip-analyses.v1', withdrawn, source) as unknown as [
      { row: object },
    ];
    expect(row).toMatchObject({ withdrawn: 1, is_final: 1 });
  });

  it("a cycle row keeps the tracker's evidence and the buy-more statistics", () => {
    expect(onlyRow('amc.learning.cycles.v1')).toMatchObject({
      tracker_return_sample_size: 11,
      tracker_median_return_30d_pct: 3.1,
      tracker_outcome_categories: ['EXPLOSIVE', 'MODERATE', 'FAILED'],
      tracker_outcome_counts: [1, 6, 4],
      tracker_evidence_sample_size: 11,
      tracker_quintiles: [1, 2, 3, 4, 5],
      tracker_quintile_sample_sizes: [2, 3, 2, 2, 2],
      tracker_quintile_min_scores: [60.5, 63, 67, 72, 81],
      tracker_quintile_max_scores: [62, 66, 70, 76, 88.5],
      tracker_quintile_mean_returns_30d_pct: [-4.1, 1.2, 5.5, 9.8, 22.4],
      tracker_composite_ic: 0.41,
      tracker_vigl_ic: null,
      dip_buy_more_mean_thesis_strength: 0.85,
      dip_settled_buy_more: 0,
    });
  });

  it('a cycle without the tracker and dip validator has nulls and empty arrays for their statistics', () => {
    const cycle = { ...SAMPLES['amc.learning.cycles.v1'], tracker: null, dip_validator: null };
    const [{ row }] = rowsOf('amc.learning.cycles.v1', cycle, source) as unknown as [{ row: object }];
    expect(row).toMatchObject({
      tracker_return_sample_size: null,
      tracker_median_return_30d_pct: null,
      tracker_outcome_categories: [],
      tracker_outcome_counts: [],
      tracker_quintiles: [],
      tracker_composite_ic: null,
      dip_buy_more_mean_thesis_strength: null,
      dip_settled_buy_more: null,
    });
  });

  it('a parameter row keeps why the value changed', () => {
    expect(onlyRow('amc.learning.parameters.v1')).toMatchObject({
      reason: '65 instead of 60 would keep 9 of 12 settled picks; better in 97.0% of 1000 resamples',
    });
  });

  it('event times come from the payload', () => {
    expect(eventTimeOf('amc.learning.alerts.v1', SAMPLES['amc.learning.alerts.v1'])).toBe(
      Date.UTC(2025, 3, 25, 20),
    );
    expect(eventTimeOf('amc.learning.cycles.v1', SAMPLES['amc.learning.cycles.v1'])).toBe(
      Date.UTC(2025, 2, 31, 6, 0, 4),
    );
    expect(
      eventTimeOf('amc.learning.cycles.v1', { ...SAMPLES['amc.learning.cycles.v1'], completed_at: null }),
    ).toBe(Date.UTC(2025, 2, 31, 6));
  });
});
