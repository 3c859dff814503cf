// What an import of upstream files yields: the records to publish per
// contract, and every row that was refused with its file and line.
import type { TopicName } from '../../schemas/topics.ts';
import type { DiscoveryRun, MarketBar, PositionSnapshot } from '../../schemas/types.generated.ts';
import { recordProblem } from '../../streams/serde/cli/validate-lines.ts';
import type { RuleContext } from '../../streams/serde/generic-checks.ts';
import { type Refusal, refusal } from './refusals.ts';

export interface ImportBatch {
  readonly runs: readonly DiscoveryRun[];
  readonly positions: readonly PositionSnapshot[];
  readonly bars: readonly MarketBar[];
  readonly refusals: readonly Refusal[];
  /** Things the user should know that refused nothing (weights not in force for an older scan...). */
  readonly notices: readonly string[];
}

export const EMPTY_BATCH: ImportBatch = { runs: [], positions: [], bars: [], refusals: [], notices: [] };

export function mergeBatches(batches: readonly ImportBatch[]): ImportBatch {
  return {
    runs: batches.flatMap((b) => b.runs),
    positions: batches.flatMap((b) => b.positions),
    bars: batches.flatMap((b) => b.bars),
    refusals: batches.flatMap((b) => b.refusals),
    notices: batches.flatMap((b) => b.notices),
  };
}

/** Rows refused, counting a refusal that covers a whole scan as its rows. */
export const refusedRows = (batch: ImportBatch): number => batch.refusals.reduce((sum, r) => sum + r.rows, 0);

/**
 * Publish order: event time, so a topic reads as the upstream history
 * happened (the log is not sorted). Refusals in file and line order.
 */
export function inEventTimeOrder(batch: ImportBatch): ImportBatch {
  const by =
    <T>(time: (record: T) => number) =>
    (a: T, b: T) =>
      time(a) - time(b);
  return {
    ...batch,
    refusals: [...batch.refusals].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    runs: [...batch.runs].sort(by((r) => r.finished_at)),
    // Stable sort: an opening snapshot stays before a same-instant close.
    positions: [...batch.positions].sort(by((p) => p.as_of)),
    bars: [...batch.bars].sort(by((b) => b.timestamp)),
  };
}

/**
 * The serde's verdict on one mapped record, as a refusal of the row it came
 * from: every record the importer publishes passes the same schema and rules
 * as `npm run produce` applies.
 */
export function refuseIfInvalid(
  topic: TopicName,
  record: unknown,
  where: { file: string; line: number },
  context: RuleContext,
): Refusal | undefined {
  const problem = recordProblem(topic, record, context);
  return problem && refusal(where.file, where.line, problem.code, problem.message);
}
