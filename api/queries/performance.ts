/**
 * How the recommendations of a window performed, per period and overall
 * (bucket 'all'): every row is counted in its period's bucket and in 'all'
 * through one ARRAY JOIN, so both come from the same scan.
 *
 * Rank statistics run in ClickHouse with array functions (18.16 has neither
 * rankCorr nor window functions): per bucket the scores and returns are
 * collected, each array is ranked with ties sharing their average rank, and
 * Spearman's coefficient is Pearson's of the ranks. The composite-score
 * quintile of a pick is ⌊5·(r − ½)/n⌋ + 1 with r its average rank, so equal
 * scores share a quintile and distinct scores split into sizes differing by
 * at most one.
 */
import { TABLES } from '../../sinks/schema/names.ts';
import { identifier, integer, join, type Sql, sql, string } from '../../sinks/sql/literals.ts';
import { CHECKPOINT_DAYS } from './recommendations.ts';
import { discoveredWithin, latestTracked } from './tracked.ts';
import type { Int64 } from './values.ts';

export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];
export const OVERALL = 'all';
export const QUINTILES = [1, 2, 3, 4, 5] as const;
export const CATEGORIES = ['EXPLOSIVE', 'STRONG', 'MODERATE', 'POOR', 'FAILED'] as const;

/** The first day of a recommendation's period, as YYYY-MM-DD (UTC). */
const PERIOD_START: Readonly<Record<Period, Sql>> = {
  day: sql`toString(toDate(discovered_at))`,
  week: sql`toString(toMonday(discovered_at))`,
  month: sql`toString(toStartOfMonth(discovered_at))`,
};

const bucketed = (period: Period, source: Sql) =>
  sql`(${source}) ARRAY JOIN [${PERIOD_START[period]}, ${string(OVERALL)}] AS bucket`;

const TRACKED = [
  'discovered_at',
  ...CHECKPOINT_DAYS.map((d) => `return_${d}d`),
  'success',
  'outcome_category',
];

/** Exact median: the mean of the two middle values (quantileExact alone takes the upper one). */
const median = (column: Sql) => sql`(quantileExact(0.5)(${column}) - quantileExact(0.5)(-${column})) / 2`;

export function checkpointStatsSql(period: Period, startMs: number, endMs: number): Sql {
  const perCheckpoint = CHECKPOINT_DAYS.map((d) => {
    const column = identifier(`return_${d}d`);
    return sql`count(${column}) AS ${identifier(`n_${d}d`)},
    if(count(${column}) = 0, NULL, avg(${column})) AS ${identifier(`mean_${d}d`)},
    ${median(column)} AS ${identifier(`median_${d}d`)}`;
  });
  // Conditions on Nullable columns go through ifNull: 18.16's countIf of a NULL condition is NULL, not 0.
  const perCategory = CATEGORIES.map(
    (c) => sql`countIf(ifNull(outcome_category, '') = ${string(c)}) AS ${identifier(`category_${c}`)}`,
  );
  return sql`SELECT bucket, count() AS tracked, count(success) AS decided, countIf(ifNull(success, 0) = 1) AS successes,
    ${join(perCheckpoint, ',\n    ')},
    ${join(perCategory)}
FROM ${bucketed(period, latestTracked(TRACKED, discoveredWithin(startMs, endMs)))}
GROUP BY bucket
ORDER BY bucket`;
}

/** Average ranks (1 = smallest, ties share the mean of their ranks) of an array, in its own order. */
function averageRanks(values: Sql): Sql {
  const sorted = sql`arraySort(${values})`;
  const runStart = sql`arrayEnumerateUniq(${sorted})`;
  const runRest = sql`arrayReverse(arrayEnumerateUniq(arrayReverse(${sorted})))`;
  // Position i in a run p..q has seen i-p+1 equal values and has q-i+1 to come: i + (rest - seen)/2 = (p+q)/2.
  const ranksSorted = sql`arrayMap((i, seen, rest) -> i + (rest - seen) / 2, arrayEnumerate(${sorted}), ${runStart}, ${runRest})`;
  const order = sql`arraySort((i, v) -> v, arrayEnumerate(${values}), ${values})`;
  return sql`arraySort((r, i) -> i, ${ranksSorted}, ${order})`;
}

/** Pearson's coefficient of two rank arrays of n values (their mean is (n+1)/2); null when either is constant. */
function rankCorrelation(a: Sql, b: Sql): Sql {
  const centred = (x: Sql, y: Sql) =>
    sql`arraySum(arrayMap((u, v) -> (u - (n + 1) / 2) * (v - (n + 1) / 2), ${x}, ${y}))`;
  const r = sql`${centred(a, b)} / sqrt(${centred(a, a)} * ${centred(b, b)})`;
  return sql`if(isFinite(${r}), ${r}, NULL)`;
}

export function rankStatsSql(period: Period, startMs: number, endMs: number): Sql {
  const window = discoveredWithin(startMs, endMs);
  // A candidate's latest version (a run sent again replaces its candidates), read FINAL: cheaper than
  // grouping the window's candidates, and WHERE applies after the versions are folded.
  const scores = sql`SELECT tracking_id, composite_score, vigl_score
    FROM ${identifier(TABLES.discoveryCandidates)} FINAL WHERE ${window}`;
  const completed = sql`SELECT tracking_id, discovered_at, return_30d, composite_score, vigl_score
    FROM (${latestTracked(['discovered_at', 'return_30d'], window)}) AS tracked
    ANY INNER JOIN (${scores}) AS scores USING tracking_id
    WHERE isNotNull(return_30d)`;
  const perQuintile = QUINTILES.map((k) => {
    const ofQuintile = (values: Sql) => sql`arrayFilter((v, q) -> q = ${integer(k)}, ${values}, quintiles)`;
    const returns = ofQuintile(identifier('ys'));
    const scoresOf = ofQuintile(identifier('xs'));
    return sql`length(${returns}) AS ${identifier(`q${k}_n`)},
    if(length(${returns}) = 0, NULL, arraySum(${returns}) / length(${returns})) AS ${identifier(`q${k}_mean`)},
    if(length(${scoresOf}) = 0, NULL, arrayReduce('min', ${scoresOf})) AS ${identifier(`q${k}_min`)},
    if(length(${scoresOf}) = 0, NULL, arrayReduce('max', ${scoresOf})) AS ${identifier(`q${k}_max`)}`;
  });
  const quintileColumns = QUINTILES.flatMap((k) =>
    ['n', 'mean', 'min', 'max'].map((m) => identifier(`q${k}_${m}`)),
  );
  return sql`SELECT bucket, n, ic_composite, ic_vigl, ${join(quintileColumns)}
FROM (
    SELECT bucket, n,
        ${averageRanks(identifier('xs'))} AS rx, ${averageRanks(identifier('vs'))} AS rv,
        ${averageRanks(identifier('ys'))} AS ry,
        ${rankCorrelation(identifier('rx'), identifier('ry'))} AS ic_composite,
        ${rankCorrelation(identifier('rv'), identifier('ry'))} AS ic_vigl,
        arrayMap(r -> least(5, floor(5 * (r - 0.5) / n) + 1), rx) AS quintiles,
        ${join(perQuintile, ',\n        ')}
    FROM (
        SELECT bucket, count() AS n, groupArray(composite_score) AS xs, groupArray(vigl_score) AS vs,
            groupArray(assumeNotNull(return_30d)) AS ys
        FROM ${bucketed(period, completed)}
        GROUP BY bucket
    )
)
ORDER BY bucket`;
}

export interface CheckpointStatsRow {
  bucket: string;
  tracked: Int64;
  decided: Int64;
  successes: Int64;
  [column: string]: unknown;
}

export interface RankStatsRow {
  bucket: string;
  n: Int64;
  ic_composite: number | null;
  ic_vigl: number | null;
  [column: string]: unknown;
}
