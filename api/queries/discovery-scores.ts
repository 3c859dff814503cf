/**
 * What was known of recommendations at discovery: the candidate's scores,
 * factors and thesis, and the parameters its run had in force. Read for the
 * handful of ids on a page, through the tables' primary keys, in the
 * partitions of the recommendations' discovery times only: a candidate is
 * stamped with its run's finished_at, which is the recommendation's
 * discovered_at, so the other months (each with its own index, in which a
 * list of ids always finds granules to read) need not be looked at.
 */
import { TABLES } from '../../sinks/schema/names.ts';
import { dateTime, identifier, list, type Sql, sql, string } from '../../sinks/sql/literals.ts';
import type { QueryRunner } from '../clickhouse/query-runner.ts';
import type { DiscoveryFacts } from '../domain/not-bought.ts';
import { type Int64, mapOf, toFlag, toInt } from './values.ts';

export interface DiscoveryScores extends DiscoveryFacts {
  readonly viglScore: number;
  /** The candidate's place in its run, 1 = best. */
  readonly rank: number;
  readonly thesis: string | null;
}

interface Row {
  tracking_id: string;
  rank: number;
  composite_score: number;
  vigl_score: number;
  factor_names: string[];
  factor_values: number[];
  thesis: string | null;
  relaxed: number;
  parameter_names: string[];
  parameter_values: number[];
}

/** Tracking ids are `<run_id>:<symbol>`: the run id is what precedes the last ':'. */
export function runIdOf(trackingId: string): string {
  const cut = trackingId.lastIndexOf(':');
  return cut < 0 ? trackingId : trackingId.slice(0, cut);
}

/** The recommendations' discovery times, epoch seconds: the earliest and the latest. */
export interface DiscoverySpan {
  readonly firstS: number;
  readonly lastS: number;
}

export function spanOf(discoveredAtS: readonly Int64[]): DiscoverySpan {
  const seconds = discoveredAtS.map(toInt);
  return { firstS: Math.min(...seconds), lastS: Math.max(...seconds) };
}

export function discoveryScoresSql(trackingIds: readonly string[], span: DiscoverySpan): Sql {
  const ids = list(trackingIds.map((id) => string(id)));
  const first = dateTime(span.firstS * 1000);
  const last = dateTime(span.lastS * 1000);
  const runIds = list([...new Set(trackingIds.map(runIdOf))].map((id) => string(id)));
  const candidates = identifier(TABLES.discoveryCandidates);
  const runs = identifier(TABLES.discoveryRuns);
  return sql`SELECT tracking_id, rank, composite_score, vigl_score, factor_names, factor_values, thesis, relaxed,
    parameter_names, parameter_values
FROM
(
    SELECT tracking_id, argMax(run_id, version) AS run_id, argMax(rank, version) AS rank,
        argMax(composite_score, version) AS composite_score, argMax(vigl_score, version) AS vigl_score,
        argMax(factor_names, version) AS factor_names, argMax(factor_values, version) AS factor_values,
        argMax(thesis, version) AS thesis, argMax(relaxed, version) AS relaxed
    FROM (
        SELECT tracking_id, run_id, rank, composite_score, vigl_score, factor_names, factor_values, thesis,
            relaxed, version
        FROM ${candidates}
        WHERE tracking_id IN ${ids} AND discovered_at >= ${first} AND discovered_at <= ${last}
    )
    GROUP BY tracking_id
) AS candidate
ANY LEFT JOIN
(
    SELECT run_id, argMax(parameter_names, version) AS parameter_names,
        argMax(parameter_values, version) AS parameter_values
    FROM (
        SELECT run_id, parameter_names, parameter_values, version FROM ${runs}
        WHERE run_id IN ${runIds} AND finished_at >= ${first} AND finished_at <= ${last}
    )
    GROUP BY run_id
) AS run USING run_id`;
}

/** The scores of recommendations, each given with its discovery time (epoch seconds). */
export async function discoveryScores(
  queries: QueryRunner,
  recommendations: readonly { readonly tracking_id: string; readonly discovered_at_s: Int64 }[],
): Promise<Map<string, DiscoveryScores>> {
  if (recommendations.length === 0) return new Map();
  const rows = await queries.rows<Row>(
    discoveryScoresSql(
      recommendations.map((r) => r.tracking_id),
      spanOf(recommendations.map((r) => r.discovered_at_s)),
    ),
  );
  return new Map(
    rows.map((row) => [
      row.tracking_id,
      {
        compositeScore: row.composite_score,
        viglScore: row.vigl_score,
        rank: toInt(row.rank),
        thesis: row.thesis,
        relaxed: toFlag(row.relaxed),
        factors: mapOf(row.factor_names, row.factor_values),
        parameters: mapOf(row.parameter_names, row.parameter_values),
      },
    ]),
  );
}
