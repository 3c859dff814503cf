/**
 * What must have landed in ClickHouse after the sample market was processed,
 * part by part as the switches have them on; each shortfall said plainly.
 */
import type { Switches } from '../../../config/switches.ts';
import type { SampleMarket } from '../../../sample/market.ts';
import type { Summary } from './summary-queries.ts';

export function landingProblems(summary: Summary, market: SampleMarket, switches: Switches): string[] {
  const problems: string[] = [];
  // A pick of the last session has no session after it yet: nothing settles, so nothing is emitted.
  const lastRun = market.runs.at(-1)?.run_id;
  const trackable = new Set(
    market.runs
      .filter((r) => r.run_id !== lastRun)
      .flatMap((r) => r.candidates.map((c) => `${r.run_id}:${c.symbol}`)),
  );
  if (switches.tracker) {
    if (summary.outcomes.tracked < trackable.size)
      problems.push(
        `${summary.outcomes.tracked} recommendations tracked in ClickHouse, ${trackable.size} published before the last session`,
      );
    if (summary.outcomes.final === 0) problems.push('no outcome reached its 30th day');
  }
  if (switches.monitor && summary.health.runs !== market.runs.length)
    problems.push(`${summary.health.runs} runs scored for health, ${market.runs.length} published`);
  if (switches.dips && summary.dips.analyses === 0) problems.push('no holding was analysed for a dip');
  if (switches.coordinator && summary.cycles === 0) problems.push('no learning cycle completed');
  return problems;
}
