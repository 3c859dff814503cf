/**
 * What the final return means: success, outcome category, missed opportunity.
 */
import type { CategoryCutoffs, TrackerConfig } from './config.ts';
import type { MissedOpportunityLevel, OutcomeCategory } from './types.ts';

export function outcomeCategoryOf(finalReturnPct: number, cutoffs: CategoryCutoffs): OutcomeCategory {
  if (finalReturnPct >= cutoffs.explosive) return 'explosive';
  if (finalReturnPct >= cutoffs.strong) return 'strong';
  if (finalReturnPct >= cutoffs.moderate) return 'moderate';
  if (finalReturnPct > cutoffs.failed) return 'poor';
  return 'failed';
}

export interface FinalClassification {
  readonly success: boolean | null;
  readonly outcome_category: OutcomeCategory | null;
  readonly missed_opportunity: boolean | null;
  readonly missed_opportunity_level: MissedOpportunityLevel | null;
}

/** Everything that depends on the final return; all null while it is unknown. */
export function classifyFinalReturn(
  finalReturnPct: number | null,
  bought: boolean,
  config: Pick<
    TrackerConfig,
    'categoryCutoffs' | 'missedOpportunityReturnPct' | 'missedOpportunityHighReturnPct'
  >,
): FinalClassification {
  if (finalReturnPct === null) {
    return {
      success: null,
      outcome_category: null,
      missed_opportunity: null,
      missed_opportunity_level: null,
    };
  }
  const missed = !bought && finalReturnPct >= config.missedOpportunityReturnPct;
  let level: MissedOpportunityLevel | null = null;
  if (missed) level = finalReturnPct >= config.missedOpportunityHighReturnPct ? 'high' : 'normal';
  return {
    success: finalReturnPct > 0,
    outcome_category: outcomeCategoryOf(finalReturnPct, config.categoryCutoffs),
    missed_opportunity: missed,
    missed_opportunity_level: level,
  };
}
