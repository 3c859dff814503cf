/**
 * How the recommendations did, by week of discovery (weeks start on Monday;
 * toMonday, which 18.16 has). Over final outcomes with a 30-day return and a
 * known discovery score. Rank statistics are computed with array functions
 * (18.16 has neither window functions nor rankCorr): ties share their mean
 * rank, the Spearman coefficient is the Pearson correlation of the ranks.
 */
import { VIEWS } from '../../schema/names.ts';
import { date, identifier, type Sql, sql } from '../literals.ts';
import { when, where } from './filters.ts';

export interface PeriodFilter {
  /** First and last day of discovery, inclusive, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
}

const scored = identifier(VIEWS.recommendationsScored);

function period(filter: PeriodFilter, extra: readonly Sql[] = []): Sql {
  return where([
    ...extra,
    when(filter.from, (d) => sql`toDate(discovered_at) >= ${date(d)}`),
    when(filter.to, (d) => sql`toDate(discovered_at) <= ${date(d)}`),
  ]);
}

const settled = [sql`is_final = 1`, sql`return_30d IS NOT NULL`, sql`rank > 0`];

/**
 * Share of `condition` among rows where `known`, or NULL when none is known.
 * Conditions on Nullable columns go through ifNull: 18.16's countIf of a
 * Nullable condition is NULL where current ClickHouse counts 0.
 */
const rate = (condition: Sql, known: Sql) =>
  sql`if(countIf(${known}) = 0, NULL, countIf(${condition}) / countIf(${known}))`;

/** Recommendations, success rate, mean and median return per checkpoint and the outcome distribution, per week. */
export function performanceByWeekQuery(filter: PeriodFilter = {}): Sql {
  return sql`SELECT
  toMonday(discovered_at) AS week,
  count() AS recommendations,
  countIf(is_final = 1) AS final,
  ${rate(sql`ifNull(success, 0) = 1`, sql`success IS NOT NULL`)} AS success_rate,
  avg(return_1d) AS mean_return_1d,
  avg(return_7d) AS mean_return_7d,
  avg(return_14d) AS mean_return_14d,
  avg(return_30d) AS mean_return_30d,
  quantileExact(0.5)(return_1d) AS median_return_1d,
  quantileExact(0.5)(return_7d) AS median_return_7d,
  quantileExact(0.5)(return_14d) AS median_return_14d,
  quantileExact(0.5)(return_30d) AS median_return_30d,
  countIf(ifNull(outcome_category, '') = 'EXPLOSIVE') AS explosive,
  countIf(ifNull(outcome_category, '') = 'STRONG') AS strong,
  countIf(ifNull(outcome_category, '') = 'MODERATE') AS moderate,
  countIf(ifNull(outcome_category, '') = 'POOR') AS poor,
  countIf(ifNull(outcome_category, '') = 'FAILED') AS failed,
  countIf(missed_opportunity = 1) AS missed_opportunities
FROM ${scored}
${period(filter)}
GROUP BY week
ORDER BY week`;
}

/**
 * ClickHouse 18.16 drops a subquery column that is used only inside a lambda
 * ("Unknown identifier"), so every lambda below captures nothing but the
 * array it maps, which the same SELECT also names outside the lambda.
 */

/**
 * Mean 30-day return by quintile of composite score (1 = lowest fifth).
 * A recommendation's quintile comes from the rank of its score among all
 * settled ones in the period; equal scores share the quintile of the first.
 */
export function returnByScoreQuintileQuery(filter: PeriodFilter = {}): Sql {
  return sql`SELECT
  pair.1 AS quintile,
  count() AS recommendations,
  avg(pair.2) AS mean_return_30d,
  min(pair.3) AS min_composite_score,
  max(pair.3) AS max_composite_score
FROM
(
  SELECT arrayJoin(arrayMap(
    (score, ret) -> (toUInt8(intDiv((indexOf(arraySort(scores), score) - 1) * 5, length(scores)) + 1), ret, score),
    scores, returns)) AS pair
  FROM
  (
    SELECT groupArray(composite_score) AS scores, groupArray(assumeNotNull(return_30d)) AS returns
    FROM ${scored}
    ${period(filter, settled)}
  )
)
GROUP BY quintile
ORDER BY quintile`;
}

/**
 * Ranks of an array's values less their mean, ties sharing the mean of their
 * positions: a value's first and last positions in the sorted array are
 * indexOf(sorted, x) and n + 1 - indexOf(reversed, x); their mean less
 * (n + 1) / 2 is half the difference of the two indexOf.
 */
const centredRanks = (values: Sql) =>
  sql`arrayMap(x -> (indexOf(arraySort(${values}), x) - indexOf(arrayReverse(arraySort(${values})), x)) / 2, ${values})`;

const sumOfSquares = (a: Sql) => sql`arraySum(arrayMap(x -> x * x, ${a}))`;

/** Pearson correlation of two centred rank arrays; NULL with fewer than 3 values or without spread. */
const rankCorrelation = (a: Sql, b: Sql) =>
  sql`if(n < 3 OR ${sumOfSquares(a)} = 0 OR ${sumOfSquares(b)} = 0, NULL,
    arraySum(arrayMap((x, y) -> x * y, ${a}, ${b})) / sqrt(${sumOfSquares(a)} * ${sumOfSquares(b)}))`;

/**
 * Per week: the Spearman rank correlation (information coefficient) of the
 * composite score and of the VIGL score with the 30-day return. The ranking
 * is quadratic in a week's size, meant for hundreds or thousands of
 * recommendations a week.
 */
export function informationCoefficientByWeekQuery(filter: PeriodFilter = {}): Sql {
  return sql`SELECT week, n AS recommendations,
  ${rankCorrelation(sql`composite_ranks`, sql`return_ranks`)} AS ic_composite,
  ${rankCorrelation(sql`vigl_ranks`, sql`return_ranks`)} AS ic_vigl
FROM
(
  SELECT week, n,
    ${centredRanks(sql`composites`)} AS composite_ranks,
    ${centredRanks(sql`vigls`)} AS vigl_ranks,
    ${centredRanks(sql`returns`)} AS return_ranks
  FROM
  (
    SELECT toMonday(discovered_at) AS week, count() AS n,
      groupArray(composite_score) AS composites, groupArray(vigl_score) AS vigls,
      groupArray(assumeNotNull(return_30d)) AS returns
    FROM ${scored}
    ${period(filter, settled)}
    GROUP BY week
  )
)
ORDER BY week`;
}
