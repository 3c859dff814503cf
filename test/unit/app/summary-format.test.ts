import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../../streams/app/job/summary-format.ts';
import type { Summary } from '../../../streams/app/job/summary-queries.ts';

const summary: Summary = {
  outcomes: { tracked: 2227, final: 1647, missed: 87 },
  categories: [{ category: 'STRONG', count: 108, mean_return_30d: 30.26 }],
  missed: [{ symbol: 'MPZ', run_id: 'run-1', return_30d: 101.3, composite_score: 89.14 }],
  health: { runs: 120, mean_health: 0.957, unhealthy: 9 },
  worstRuns: [{ run_id: 'run-2', health_score: 0.63, issues: [] }],
  dips: { analyses: 101, buy_more: 14 },
  buyMore: [
    {
      symbol: 'FIJW',
      session: '2026-09-17',
      thesis_strength: 0.8,
      suggested_amount: 24706.4,
      outcome_return_pct_30d: null,
    },
  ],
  cycles: 1,
  cycle: {
    cycle_id: 'c-1',
    window_end: '2026-11-27 23:00:00',
    proposal_parameters: ['composite_score_threshold', 'vigl_score_threshold'],
    proposal_current_values: [60, 0.5],
    proposal_proposed_values: [65, null],
    proposal_confidences: [0.998, null],
    proposal_statuses: ['PENDING', 'INSUFFICIENT_DATA'],
    proposal_rationales: ['Raise it. More words.', 'not enough data: the interval spans zero. More.'],
  },
  deadLetters: [{ reason_code: 'OUT_OF_RANGE', count: 2 }],
};

describe('the start summary', () => {
  const text = formatSummary(summary, { api: 'http://127.0.0.1:3000', tokenSet: true });

  it('prints each part with its numbers', () => {
    expect(text).toContain('2,227 tracked, 1,647 final (580 still inside their 30 days), 87 missed');
    expect(text).toMatch(/STRONG\s+108\s+\+30\.3%/);
    expect(text).toMatch(/MPZ\s+run-1\s+\+101\.3%\s+composite 89\.1/);
    expect(text).toContain('120 runs, mean health 0.96, 9 unhealthy');
    expect(text).toContain('run-2  0.63  no alert');
    expect(text).toContain('FIJW 2026-09-17  strength 0.80  add $24,706');
    expect(text).toContain('composite_score_threshold 60.00 → 65.00  confidence 99.8%  PENDING');
    expect(text).toContain('vigl_score_threshold: not enough data: the interval spans zero.');
    expect(text).toContain('Dead letters  OUT_OF_RANGE 2');
    expect(text).toContain("curl -s 'http://127.0.0.1:3000/monitoring/discovery/pipeline'");
  });

  it('says when the token is unset that the socket and the POST routes are refused', () => {
    expect(text).not.toContain('403');
    const unset = formatSummary(summary, { api: 'http://127.0.0.1:3000', tokenSet: false });
    expect(unset).toContain('AMC_API_TOKEN is unset, so it and the POST routes answer 403');
  });

  it('leaves the addresses out when the API is off, and says when nothing was learnt yet', () => {
    const bare = formatSummary({ ...summary, cycle: null, deadLetters: [] }, { api: null, tokenSet: false });
    expect(bare).not.toContain('curl');
    expect(bare).toContain('Learning cycle  none completed yet');
    expect(bare).toContain('Dead letters  none');
  });
});
