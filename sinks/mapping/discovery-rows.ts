import type { DiscoveryRun } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, entries, flag, lineage, type RowSource } from './columns.ts';

/** The discovery_runs row of a run; version is the record's offset (a re-sent run replaces the earlier one). */
export function runRow(run: DiscoveryRun, source: RowSource): Row {
  const rejections = run.stages.flatMap((stage) =>
    Object.entries(stage.rejections).map(([reason, count]) => ({ stage: stage.name, reason, count })),
  );
  const parameters = entries(run.parameters);
  return {
    run_id: run.run_id,
    started_at: dateTime(run.started_at, 'started_at'),
    finished_at: dateTime(run.finished_at, 'finished_at'),
    duration_ms: run.duration_ms,
    relaxed: flag(run.relaxed),
    candidate_count: run.candidates.length,
    stage_names: run.stages.map((s) => s.name),
    stage_duration_ms: run.stages.map((s) => s.duration_ms),
    stage_symbols_in: run.stages.map((s) => s.symbols_in),
    stage_symbols_out: run.stages.map((s) => s.symbols_out),
    rejection_stages: rejections.map((r) => r.stage),
    rejection_reasons: rejections.map((r) => r.reason),
    rejection_counts: rejections.map((r) => r.count),
    parameter_names: parameters.keys,
    parameter_values: parameters.values,
    version: source.offset,
    ...lineage(source),
  };
}

/** One discovery_candidates row per candidate; rank 1 is the run's best. */
export function candidateRows(run: DiscoveryRun, source: RowSource): Row[] {
  const discoveredAt = dateTime(run.finished_at, 'finished_at');
  return run.candidates.map((candidate, i) => {
    const factors = entries(candidate.factors);
    return {
      tracking_id: `${run.run_id}:${candidate.symbol}`,
      run_id: run.run_id,
      symbol: candidate.symbol,
      discovered_at: discoveredAt,
      rank: i + 1,
      price: candidate.price,
      composite_score: candidate.composite_score,
      vigl_score: candidate.vigl_score,
      factor_names: factors.keys,
      factor_values: factors.values,
      thesis: candidate.thesis,
      relaxed: flag(run.relaxed),
      version: source.offset,
      ...lineage(source),
    };
  });
}
