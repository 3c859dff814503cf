/** GET /dip-detection/portfolio-analysis and /dip-detection/signals: re-examined holdings and buy-more signals. */
import type { FastifyInstance } from 'fastify';
import { lastDays } from '../domain/date-range.ts';
import { errorResponses } from '../errors.ts';
import { buySignalsSql, type DipRow, latestSessionAnalysesSql, SIGNALS_LIMIT } from '../queries/dip.ts';
import { isoOfSeconds, nullableFlag, toFlag, toInt } from '../queries/values.ts';
import { dateTimeString, daysParam, nullableNumber, nullableString, successSchema } from '../schemas.ts';
import type { QueryRouteDeps } from './deps.ts';

const numbers = [
  'current_price',
  'avg_entry_price',
  'quantity',
  'account_equity',
  'position_value',
  'position_pct_of_equity',
  'unrealized_return_pct',
  'thesis_strength',
] as const;
const nullableNumbers = [
  'suggested_pct_of_equity',
  'suggested_amount',
  'suggested_shares',
  'entry_low',
  'entry_high',
  'stop_loss',
  'take_profit_1',
  'take_profit_2',
  'risk_reward',
  'outcome_return_pct_30d',
] as const;

const properties = {
  analysis_id: { type: 'string' },
  symbol: { type: 'string' },
  session_date: { type: 'string', format: 'date' },
  analyzed_at: dateTimeString,
  days_held: { type: 'integer' },
  thesis: nullableString,
  thesis_grade: { type: 'string' },
  action: { type: 'string', enum: ['BUY_MORE', 'HOLD'] },
  reasons: { type: 'array', items: { type: 'string' } },
  outcome_success: { type: ['boolean', 'null'] },
  final: { type: 'boolean' },
  ...Object.fromEntries(numbers.map((n) => [n, { type: 'number' }])),
  ...Object.fromEntries(nullableNumbers.map((n) => [n, nullableNumber])),
};

const analysisSchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
} as const;

function analysisView(row: DipRow) {
  return {
    analysis_id: row.analysis_id,
    symbol: row.symbol,
    session_date: row.session_day,
    analyzed_at: isoOfSeconds(row.analyzed_at_s),
    days_held: toInt(row.days_held),
    thesis: row.thesis,
    thesis_grade: row.thesis_grade,
    action: row.action,
    reasons: row.reasons,
    outcome_success: nullableFlag(row.outcome_success),
    final: toFlag(row.is_final),
    ...Object.fromEntries(numbers.map((n) => [n, row[n]])),
    ...Object.fromEntries(nullableNumbers.map((n) => [n, row[n]])),
  };
}

const QUERY_ERRORS = ['STORE_NOT_READY', 'CLICKHOUSE_UNAVAILABLE', 'QUERY_TIMEOUT'] as const;

export async function dipRoutes(app: FastifyInstance, deps: QueryRouteDeps): Promise<void> {
  app.get(
    '/dip-detection/portfolio-analysis',
    {
      schema: {
        summary: 'The latest analysis of each holding in a dip, and the money the buy-more signals ask for',
        description:
          'The analyses of the latest analysed session (the validator analyses each holding in a dip once per ' +
          'session). total_opportunity_usd sums suggested_amount over the BUY_MORE analyses.',
        tags: ['dip-detection'],
        response: {
          200: successSchema({
            session_date: { type: ['string', 'null'], format: 'date' },
            total_opportunity_usd: { type: 'number' },
            buy_more_count: { type: 'integer' },
            analyses: { type: 'array', items: analysisSchema },
          }),
          ...errorResponses([...QUERY_ERRORS]),
        },
      },
    },
    async () => {
      const rows = await deps.queries.rows<DipRow>(latestSessionAnalysesSql());
      const buyMore = rows.filter((row) => row.action === 'BUY_MORE');
      return {
        success: true,
        session_date: rows[0]?.session_day ?? null,
        total_opportunity_usd: buyMore.reduce((sum, row) => sum + (row.suggested_amount ?? 0), 0),
        buy_more_count: buyMore.length,
        analyses: rows.map(analysisView),
      };
    },
  );

  app.get<{ Querystring: { days_back: number } }>(
    '/dip-detection/signals',
    {
      schema: {
        summary: 'Buy-more signals of the last days, newest first',
        description: `At most ${SIGNALS_LIMIT}.`,
        tags: ['dip-detection'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { days_back: daysParam(7, 365) },
        },
        response: {
          200: successSchema({
            days_back: { type: 'integer' },
            signals: { type: 'array', items: analysisSchema },
          }),
          ...errorResponses(['INVALID_REQUEST', ...QUERY_ERRORS]),
        },
      },
    },
    async (request) => {
      const { startMs, endMs } = lastDays(deps.clock(), request.query.days_back);
      const rows = await deps.queries.rows<DipRow>(buySignalsSql(startMs, endMs));
      return { success: true, days_back: request.query.days_back, signals: rows.map(analysisView) };
    },
  );
}
