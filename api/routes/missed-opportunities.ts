/** GET /learning/missed-opportunities: the biggest winners that were not bought, and why. */
import type { FastifyInstance } from 'fastify';
import { lastDays } from '../domain/date-range.ts';
import { NOT_BOUGHT_REASONS, notBoughtReasons } from '../domain/not-bought.ts';
import { errorResponses } from '../errors.ts';
import { discoveryScores } from '../queries/discovery-scores.ts';
import { MISSED_LIMIT, type MissedWindowRow, missedWindowSql } from '../queries/missed-opportunities.ts';
import { isoOfSeconds, toInt } from '../queries/values.ts';
import { daysParam, nullableNumber, nullableString, successSchema } from '../schemas.ts';
import type { QueryRouteDeps } from './deps.ts';

const missedItem = {
  type: 'object',
  additionalProperties: false,
  required: [
    'tracking_id',
    'run_id',
    'symbol',
    'discovered_at',
    'discovery_price',
    'price_30d',
    'return_30d',
    'peak_return_pct',
    'outcome_category',
    'scores_at_discovery',
    'not_bought_reasons',
  ],
  properties: {
    tracking_id: { type: 'string' },
    run_id: { type: 'string' },
    symbol: { type: 'string' },
    discovered_at: { type: 'string', format: 'date-time' },
    discovery_price: { type: 'number' },
    price_30d: nullableNumber,
    return_30d: { type: 'number' },
    peak_return_pct: nullableNumber,
    outcome_category: nullableString,
    scores_at_discovery: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['composite_score', 'vigl_score', 'rank', 'factors', 'thesis', 'relaxed', 'parameters'],
      properties: {
        composite_score: { type: 'number' },
        vigl_score: { type: 'number' },
        rank: { type: 'integer' },
        factors: { type: 'object', additionalProperties: { type: 'number' } },
        thesis: nullableString,
        relaxed: { type: 'boolean' },
        parameters: { type: 'object', additionalProperties: { type: 'number' } },
      },
    },
    not_bought_reasons: {
      type: 'array',
      items: { type: 'string', enum: Object.keys(NOT_BOUGHT_REASONS) },
    },
  },
} as const;

export async function missedOpportunityRoutes(app: FastifyInstance, deps: QueryRouteDeps): Promise<void> {
  app.get<{ Querystring: { days_back: number } }>(
    '/learning/missed-opportunities',
    {
      config: deps.expensive,
      schema: {
        summary: `Recommendations not bought that returned at least the missed-opportunity line in 30 days`,
        description:
          `At most ${MISSED_LIMIT}, by 30-day return descending, discovered in the last days_back days. ` +
          'total_missed and avg_missed_return cover every missed opportunity of the window, not only those listed.',
        tags: ['learning'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { days_back: daysParam(7, 365) },
        },
        response: {
          200: successSchema({
            days_back: { type: 'integer' },
            total_missed: { type: 'integer' },
            avg_missed_return: nullableNumber,
            missed_opportunities: { type: 'array', maxItems: MISSED_LIMIT, items: missedItem },
          }),
          ...errorResponses([
            'INVALID_REQUEST',
            'RATE_LIMITED',
            'STORE_NOT_READY',
            'CLICKHOUSE_UNAVAILABLE',
            'QUERY_TIMEOUT',
          ]),
        },
      },
    },
    (request) =>
      deps.answers.get(request.url, async () => {
        const { days_back: daysBack } = request.query;
        const { startMs, endMs } = lastDays(deps.clock(), daysBack);
        const [window] = await deps.queries.rows<MissedWindowRow>(missedWindowSql(startMs, endMs));
        const listed = listedOf(window);
        const scores = await discoveryScores(deps.queries, listed);
        return {
          success: true,
          days_back: daysBack,
          total_missed: toInt(window?.total ?? 0),
          avg_missed_return: window?.avg_return ?? null,
          missed_opportunities: listed.map((item) => {
            const facts = scores.get(item.tracking_id);
            return {
              tracking_id: item.tracking_id,
              run_id: item.run_id,
              symbol: item.symbol,
              discovered_at: isoOfSeconds(item.discovered_at_s),
              discovery_price: item.discovery_price,
              price_30d: item.price_30d,
              return_30d: item.return_30d,
              peak_return_pct: item.peak_return_pct,
              outcome_category: item.outcome_category,
              scores_at_discovery: facts
                ? {
                    composite_score: facts.compositeScore,
                    vigl_score: facts.viglScore,
                    rank: facts.rank,
                    factors: facts.factors,
                    thesis: facts.thesis,
                    relaxed: facts.relaxed,
                    parameters: facts.parameters,
                  }
                : null,
              not_bought_reasons: notBoughtReasons(facts),
            };
          }),
        };
      }),
  );
}

/** The listed items of a window's row, one object each. */
function listedOf(window: MissedWindowRow | undefined) {
  if (!window) return [];
  return window.tracking_ids.map((trackingId, i) => ({
    tracking_id: trackingId,
    run_id: window.run_ids[i]!,
    symbol: window.symbols[i]!,
    discovered_at_s: window.discovered_at_s[i]!,
    discovery_price: window.discovery_prices[i]!,
    price_30d: window.prices_30d[i] ?? null,
    return_30d: window.returns_30d[i]!,
    peak_return_pct: window.peak_returns[i] ?? null,
    outcome_category: window.categories[i] ?? null,
  }));
}
