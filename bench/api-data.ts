/**
 * Bench data made inside ClickHouse with INSERT ... SELECT FROM numbers():
 * `picks` tracked recommendations over `days` days, twelve per discovery run,
 * each stored in three versions (day 1, day 14, day 30) as the sink stores
 * restatements, with their candidates' scores and their runs' parameters.
 * Returns, purchases and scores are spread deterministically by cityHash64.
 * Returns are even over -40% to +80%, so about two picks in five (not bought,
 * +25% or more) are missed opportunities: far more than in a real history,
 * which makes the missed-opportunity reads heavier than they would be.
 */
import { DERIVED_TABLES, TABLES } from '../sinks/schema/names.ts';
import type { SqlSession } from '../sinks/schema/sql-session.ts';
import { dateTime, identifier, integer, type Sql, sql } from '../sinks/sql/literals.ts';

export interface BenchData {
  readonly picks: number;
  readonly days: number;
  /** Discovery time of the newest pick, epoch ms. */
  readonly endMs: number;
}

const VERSIONS = 3;

function ids(data: BenchData): Sql {
  const span = integer(data.days * 86_400);
  return sql`intDiv(number, ${integer(VERSIONS)}) AS id,
    toUInt64(number % ${integer(VERSIONS)} + 1) AS v,
    concat('bench-run-', toString(intDiv(id, 12))) AS run_id,
    concat('S', toString(id % 12), 'X', toString(intDiv(id, 12) % 997)) AS symbol,
    concat(run_id, ':', symbol) AS tracking_id,
    toDateTime(toUInt32(toUInt32(${dateTime(data.endMs)}) - ${span} + intDiv(id * ${span}, ${integer(data.picks)})), 'UTC') AS discovered_at,
    (cityHash64(id) % 12000) / 100 - 40 AS r30,
    cityHash64(id, 1) % 10 = 0 AS is_bought`;
}

function trackingSql(data: BenchData): Sql {
  return sql`INSERT INTO ${identifier(TABLES.recommendationTracking)}
    (tracking_id, run_id, symbol, discovered_at, discovery_price, basis,
     status_1d, price_1d, return_1d, status_7d, return_7d, status_14d, return_14d, status_30d, price_30d, return_30d,
     peak_price, peak_return_pct, days_to_peak, max_drawdown_pct, success, outcome_category,
     bought, missed_opportunity, is_final, version, as_of, kafka_partition, kafka_offset)
SELECT tracking_id, run_id, symbol, discovered_at, 10.0, 'TRADING',
    'REACHED', 10 * (1 + r30 / 400), r30 / 4,
    if(v >= 2, 'REACHED', 'PENDING'), if(v >= 2, r30 / 2, NULL),
    if(v >= 2, 'REACHED', 'PENDING'), if(v >= 2, r30 * 0.7, NULL),
    if(v = 3, 'REACHED', 'PENDING'), if(v = 3, 10 * (1 + r30 / 100), NULL), if(v = 3, r30, NULL),
    10 * (1 + greatest(r30, 0) / 80), greatest(r30, 0) * 1.25, toUInt16(1 + id % 30), (cityHash64(id, 2) % 3000) / 100,
    if(v = 3, toUInt8(r30 > 0), NULL),
    if(v = 3, multiIf(r30 >= 50, 'EXPLOSIVE', r30 >= 20, 'STRONG', r30 >= 5, 'MODERATE', r30 > -10, 'POOR', 'FAILED'), NULL),
    toUInt8(is_bought), toUInt8(v = 3 AND NOT is_bought AND r30 >= 25), toUInt8(v = 3), v,
    discovered_at + v * 86400 * 14, 0, number
FROM (SELECT number, ${ids(data)} FROM system.numbers LIMIT ${integer(data.picks * VERSIONS)})`;
}

function candidatesSql(data: BenchData): Sql {
  return sql`INSERT INTO ${identifier(TABLES.discoveryCandidates)}
    (tracking_id, run_id, symbol, discovered_at, rank, price, composite_score, vigl_score, factor_names, factor_values,
     thesis, relaxed, version, kafka_partition, kafka_offset)
SELECT tracking_id, run_id, symbol, discovered_at, toUInt16(id % 12 + 1), 10.0,
    50 + (cityHash64(id, 3) % 5000) / 100, (cityHash64(id, 4) % 1000) / 1000,
    ['volume_spike'], [(cityHash64(id, 5) % 600) / 100], NULL, 0, number, 0, number
FROM (SELECT number, ${ids(data)} FROM system.numbers WHERE number % ${integer(VERSIONS)} = 0 LIMIT ${integer(data.picks)})`;
}

function runsSql(data: BenchData): Sql {
  return sql`INSERT INTO ${identifier(TABLES.discoveryRuns)}
    (run_id, started_at, finished_at, duration_ms, relaxed, candidate_count, parameter_names, parameter_values,
     version, kafka_partition, kafka_offset)
SELECT run_id, discovered_at, discovered_at, 9000, 0, 12, ['min_composite_score', 'min_volume_spike'], [60, 2.5],
    number, 0, number
FROM (SELECT number, ${ids(data)} FROM system.numbers WHERE number % ${integer(VERSIONS * 12)} = 0
      LIMIT ${integer(Math.ceil(data.picks / 12))})`;
}

/** Loads the bench data into the session's (migrated, empty) database. */
export async function loadBenchData(session: SqlSession, data: BenchData): Promise<void> {
  for (const statement of [trackingSql(data), candidatesSql(data), runsSql(data)]) {
    await session.command(statement.text);
  }
  // recommendation_tracking_by_discovery was filled by its materialized view during the insert.
  for (const table of [TABLES.recommendationTracking, DERIVED_TABLES.recommendationTrackingByDiscovery]) {
    await session.command(sql`OPTIMIZE TABLE ${identifier(table)} FINAL`.text);
  }
}
