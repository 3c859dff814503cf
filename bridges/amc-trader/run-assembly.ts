// A run from candidate rows: each row is put through the contract's rules on
// its own (so a bad row is refused by its line and the rest go on), then the
// run as a whole.
import type { DiscoveryCandidate, DiscoveryRun } from '../../schemas/types.generated.ts';
import { recordProblem } from '../../streams/serde/cli/validate-lines.ts';
import type { RuleContext } from '../../streams/serde/generic-checks.ts';
import { type Refusal, refusal } from './refusals.ts';

export interface CandidateRow {
  readonly line: number;
  readonly candidate: DiscoveryCandidate;
}

export type RunHeader = Omit<DiscoveryRun, 'candidates'>;

/** A scan as upstream times it: no start time and no duration are recorded, so it starts as it finishes. */
export function scanHeader(
  runId: string,
  finishedAt: number,
  extra: Partial<Pick<DiscoveryRun, 'stages' | 'parameters'>> = {},
): RunHeader {
  return {
    run_id: runId,
    started_at: finishedAt,
    finished_at: finishedAt,
    duration_ms: 0,
    stages: extra.stages ?? [],
    parameters: extra.parameters ?? {},
    relaxed: false,
  };
}

export interface AssembledRun {
  readonly run?: DiscoveryRun;
  readonly refusals: readonly Refusal[];
}

/**
 * Keeps the rows the rules accept, in upstream order (best first), and the
 * first of two rows for one symbol. The run is published even when some rows
 * were refused; when its header breaks a rule every row is refused with it.
 */
export function assembleRun(
  file: string,
  header: RunHeader,
  rows: readonly CandidateRow[],
  context: RuleContext,
): AssembledRun {
  const refusals: Refusal[] = [];
  const kept: DiscoveryCandidate[] = [];
  const seen = new Map<string, number>();
  for (const { line, candidate } of rows) {
    const problem = recordProblem('amc.discovery.runs.v1', { ...header, candidates: [candidate] }, context);
    if (problem) {
      refusals.push(
        refusal(
          file,
          line,
          problem.code,
          `${candidate.symbol}: ${problem.message.replace(/candidates\.0\./g, '')}`,
        ),
      );
      continue;
    }
    const firstLine = seen.get(candidate.symbol);
    if (firstLine !== undefined) {
      refusals.push(
        refusal(
          file,
          line,
          'DUPLICATE_SYMBOL',
          `${candidate.symbol} is already in run ${header.run_id} (line ${firstLine})`,
        ),
      );
      continue;
    }
    seen.set(candidate.symbol, line);
    kept.push(candidate);
  }
  // A scan whose every row was refused is not published as an empty run: its id would then be
  // taken downstream, and the corrected file could never add its candidates.
  if (rows.length > 0 && kept.length === 0) return { refusals };
  const run: DiscoveryRun = { ...header, candidates: kept };
  const problem = recordProblem('amc.discovery.runs.v1', run, context);
  if (problem) {
    return {
      refusals: [
        ...refusals,
        ...[...seen.values()].map((line) =>
          refusal(file, line, problem.code, `run ${header.run_id}: ${problem.message}`),
        ),
      ],
    };
  }
  return { run, refusals };
}
