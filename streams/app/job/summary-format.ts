/** The job's summary as text a person reads at a terminal. */
import type { Summary } from './summary-queries.ts';

const int = (x: number) => x.toLocaleString('en-US');
const pct = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`);
const num = (x: number | null, digits = 2) => (x === null ? '-' : x.toFixed(digits));
const share = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${indent}${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
}

/** The first sentence of a rationale: the rest is in the cycle record and the API. */
const firstSentence = (text: string) => {
  const end = text.indexOf('. ');
  return end < 0 ? text : text.slice(0, end + 1);
};

export interface Endpoints {
  readonly api: string | null;
  readonly tokenSet: boolean;
}

export function formatSummary(s: Summary, endpoints: Endpoints): string {
  const lines: string[] = ['', '━━ amc-learning: what the data says ━━', ''];
  const pending = s.outcomes.tracked - s.outcomes.final;
  lines.push(
    `Recommendations  ${int(s.outcomes.tracked)} tracked, ${int(s.outcomes.final)} final ` +
      `(${int(pending)} still inside their 30 days), ${int(s.outcomes.missed)} missed opportunities`,
  );
  if (s.categories.length > 0)
    lines.push(
      ...table([
        ['outcome', 'count', 'mean 30-day return'],
        ...s.categories.map((c) => [c.category, int(c.count), pct(c.mean_return_30d)]),
      ]),
    );
  lines.push('', 'Top missed opportunities (not bought, 30 days settled)');
  if (s.missed.length === 0) lines.push('  none');
  else
    lines.push(
      ...table(
        s.missed.map((m) => [
          m.symbol,
          m.run_id,
          pct(m.return_30d),
          `composite ${num(m.composite_score, 1)}`,
        ]),
      ),
    );
  lines.push(
    '',
    `Pipeline health  ${int(s.health.runs)} runs, mean health ${num(s.health.mean_health)}, ` +
      `${int(s.health.unhealthy)} unhealthy`,
  );
  for (const run of s.worstRuns)
    lines.push(`  ${run.run_id}  ${num(run.health_score)}  ${run.issues.join('; ') || 'no alert'}`);
  lines.push('', `Buy-the-dip  ${int(s.dips.analyses)} analyses, ${int(s.dips.buy_more)} BUY_MORE signals`);
  for (const b of s.buyMore)
    lines.push(
      `  ${b.symbol} ${b.session}  strength ${num(b.thesis_strength)}  add $${int(Math.round(b.suggested_amount ?? 0))}` +
        (b.outcome_return_pct_30d === null ? '' : `  30 days later ${pct(b.outcome_return_pct_30d)}`),
    );
  lines.push('');
  if (s.cycle === null) lines.push('Learning cycle  none completed yet');
  else {
    const c = s.cycle;
    lines.push(
      `Learning cycles  ${int(s.cycles)} completed; the latest, ${c.cycle_id} (to ${c.window_end}):`,
    );
    c.proposal_parameters.forEach((parameter, i) => {
      const proposed = c.proposal_proposed_values[i] ?? null;
      lines.push(
        proposed === null
          ? `  ${parameter}: ${firstSentence(c.proposal_rationales[i] ?? '')}`
          : `  ${parameter} ${num(c.proposal_current_values[i] ?? null)} → ${num(proposed)}  ` +
              `confidence ${share(c.proposal_confidences[i] ?? null)}  ${c.proposal_statuses[i]}`,
      );
    });
  }
  lines.push(
    '',
    `Dead letters  ${s.deadLetters.length === 0 ? 'none' : s.deadLetters.map((d) => `${d.reason_code} ${int(d.count)}`).join(', ')}`,
  );
  if (endpoints.api !== null) {
    const ws = endpoints.api.replace(/^http/, 'ws');
    lines.push(
      '',
      `API        ${endpoints.api}  (OpenAPI: ${endpoints.api}/docs)`,
      `WebSocket  ${ws}/ws/alerts  (Authorization: Bearer $AMC_API_TOKEN${endpoints.tokenSet ? '' : '; AMC_API_TOKEN is unset, so it and the POST routes answer 403'})`,
      `  curl -s '${endpoints.api}/learning/missed-opportunities?days_back=90'`,
      `  curl -s '${endpoints.api}/monitoring/discovery/pipeline'`,
    );
  }
  return lines.join('\n');
}
