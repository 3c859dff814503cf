/**
 * What the job's summary says, read from ClickHouse through the latest-version
 * views (so a restated outcome counts once). The same statements are what an
 * analyst would run; the tests run them again and compare.
 */
import { LATEST_VIEWS, VIEWS } from '../../../sinks/schema/names.ts';
import { identifier, type Sql, sql } from '../../../sinks/sql/literals.ts';

export interface SummaryRunner {
  rows<Row>(statement: Sql): Promise<Row[]>;
}

const view = (name: string) => identifier(name);

export const SUMMARY_SQL = {
  outcomes: sql`SELECT count() AS tracked, sum(is_final) AS final, sum(if(is_final = 1, missed_opportunity, 0)) AS missed
    FROM ${view(LATEST_VIEWS.recommendationTracking)}`,
  categories: sql`SELECT outcome_category AS category, count() AS count, avg(return_30d) AS mean_return_30d
    FROM ${view(LATEST_VIEWS.recommendationTracking)}
    WHERE is_final = 1 AND outcome_category IS NOT NULL
    GROUP BY outcome_category ORDER BY mean_return_30d DESC`,
  missed: sql`SELECT symbol, run_id, return_30d, composite_score
    FROM ${view(VIEWS.recommendationsScored)}
    WHERE is_final = 1 AND missed_opportunity = 1
    ORDER BY return_30d DESC, tracking_id LIMIT 5`,
  health: sql`SELECT count() AS runs, avg(health_score) AS mean_health, sum(if(healthy = 1, 0, 1)) AS unhealthy
    FROM ${view(LATEST_VIEWS.pipelineHealthLog)}`,
  worstRuns: sql`SELECT run_id, health_score, issues
    FROM ${view(LATEST_VIEWS.pipelineHealthLog)}
    ORDER BY health_score ASC, run_id LIMIT 3`,
  dips: sql`SELECT count() AS analyses, sum(if(action = 'BUY_MORE', 1, 0)) AS buy_more
    FROM ${view(LATEST_VIEWS.dipAnalysisLog)}
    WHERE withdrawn = 0`,
  buyMore: sql`SELECT symbol, toString(session_date) AS session, thesis_strength, suggested_amount, outcome_return_pct_30d
    FROM ${view(LATEST_VIEWS.dipAnalysisLog)}
    WHERE action = 'BUY_MORE' AND withdrawn = 0
    ORDER BY session_date DESC, symbol LIMIT 3`,
  cycle: sql`SELECT cycle_id, toString(window_end) AS window_end, proposal_parameters, proposal_current_values,
      proposal_proposed_values, proposal_confidences, proposal_statuses, proposal_rationales
    FROM ${view(LATEST_VIEWS.learningCycles)}
    WHERE status = 'COMPLETED'
    ORDER BY window_end DESC, cycle_id DESC LIMIT 1`,
  cycles: sql`SELECT count() AS cycles FROM ${view(LATEST_VIEWS.learningCycles)} WHERE status = 'COMPLETED'`,
  deadLetters: sql`SELECT reason_code, count() AS count
    FROM ${view(LATEST_VIEWS.deadLetters)}
    GROUP BY reason_code ORDER BY count DESC, reason_code`,
} as const;

type Num = number | string;

export interface Summary {
  readonly outcomes: { tracked: number; final: number; missed: number };
  readonly categories: readonly { category: string; count: number; mean_return_30d: number }[];
  readonly missed: readonly { symbol: string; run_id: string; return_30d: number; composite_score: number }[];
  readonly health: { runs: number; mean_health: number | null; unhealthy: number };
  readonly worstRuns: readonly { run_id: string; health_score: number; issues: string[] }[];
  readonly dips: { analyses: number; buy_more: number };
  readonly buyMore: readonly {
    symbol: string;
    session: string;
    thesis_strength: number;
    suggested_amount: number | null;
    outcome_return_pct_30d: number | null;
  }[];
  readonly cycles: number;
  readonly cycle: {
    cycle_id: string;
    window_end: string;
    proposal_parameters: string[];
    proposal_current_values: (number | null)[];
    proposal_proposed_values: (number | null)[];
    proposal_confidences: (number | null)[];
    proposal_statuses: string[];
    proposal_rationales: string[];
  } | null;
  readonly deadLetters: readonly { reason_code: string; count: number }[];
}

/** 64-bit integers come back quoted in JSON: numbers here. */
const n = (value: Num | null | undefined): number =>
  value === null || value === undefined ? 0 : Number(value);

export async function readSummary(runner: SummaryRunner): Promise<Summary> {
  const one = async <T>(statement: Sql) => (await runner.rows<T>(statement))[0]!;
  const outcomes = await one<Record<string, Num>>(SUMMARY_SQL.outcomes);
  const health = await one<Record<string, Num | null>>(SUMMARY_SQL.health);
  const dips = await one<Record<string, Num>>(SUMMARY_SQL.dips);
  const cycles = await one<Record<string, Num>>(SUMMARY_SQL.cycles);
  return {
    outcomes: { tracked: n(outcomes.tracked), final: n(outcomes.final), missed: n(outcomes.missed) },
    categories: (await runner.rows<Record<string, Num>>(SUMMARY_SQL.categories)).map((r) => ({
      category: String(r.category),
      count: n(r.count),
      mean_return_30d: n(r.mean_return_30d),
    })),
    missed: (await runner.rows<Summary['missed'][number]>(SUMMARY_SQL.missed)).map((r) => ({
      ...r,
      return_30d: n(r.return_30d),
      composite_score: n(r.composite_score),
    })),
    health: {
      runs: n(health.runs),
      mean_health: n(health.runs) === 0 ? null : n(health.mean_health),
      unhealthy: n(health.unhealthy),
    },
    worstRuns: await runner.rows<Summary['worstRuns'][number]>(SUMMARY_SQL.worstRuns),
    dips: { analyses: n(dips.analyses), buy_more: n(dips.buy_more) },
    buyMore: await runner.rows<Summary['buyMore'][number]>(SUMMARY_SQL.buyMore),
    cycles: n(cycles.cycles),
    cycle: (await runner.rows<NonNullable<Summary['cycle']>>(SUMMARY_SQL.cycle))[0] ?? null,
    deadLetters: (await runner.rows<Record<string, Num>>(SUMMARY_SQL.deadLetters)).map((r) => ({
      reason_code: String(r.reason_code),
      count: n(r.count),
    })),
  };
}
