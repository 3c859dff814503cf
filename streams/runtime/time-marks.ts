/**
 * Time marks: how stream time reaches a partition that has no records of its
 * own. A halted or delisted symbol alone in its partition would otherwise
 * never see its missing checkpoint, because nothing moves that partition's
 * stream time.
 *
 * A re-keying step sends, when its stream time enters a new bucket (an
 * exchange session date), a mark carrying that time to every partition of
 * its output. A receiving partition keeps the latest mark of each sender and
 * takes their minimum as its watermark (so no partition is pushed past data
 * a slower sender still has to deliver); a sender more than `idleMs` behind
 * the most advanced one is idle and left out (as Flink does with idle
 * sources), measured in event time so a replay decides exactly as live did.
 * Stream time becomes the larger of the partition's own records and the
 * watermark. Marks never reach a processor, an output topic or a sink.
 */

export const DEFAULT_WATERMARK_IDLE_MS = 2 * 86_400_000;

export interface TimeMark {
  readonly $mark: {
    /** The sender: `<application id>:<input topic>/<partition>`. */
    readonly source: string;
    /** The sender's stream time, epoch ms. */
    readonly time: number;
  };
}

export function timeMark(source: string, time: number): TimeMark {
  return { $mark: { source, time } };
}

export function isTimeMark(value: unknown): value is TimeMark {
  if (value === null || typeof value !== 'object' || !('$mark' in value)) return false;
  const mark = (value as { $mark: unknown }).$mark;
  return (
    mark !== null &&
    typeof mark === 'object' &&
    typeof (mark as { source?: unknown }).source === 'string' &&
    Number.isFinite((mark as { time?: unknown }).time)
  );
}

export const markSource = (applicationId: string, topic: string, partition: number): string =>
  `${applicationId}:${topic}/${partition}`;

/**
 * The watermark of the latest marks of each sender: the minimum over the
 * senders that are not idle. -Infinity when there are none.
 */
export function watermarkOf(latestBySender: Iterable<number>, idleMs: number): number {
  const times = [...latestBySender];
  if (times.length === 0) return Number.NEGATIVE_INFINITY;
  const newest = Math.max(...times);
  return Math.min(...times.filter((time) => time >= newest - idleMs));
}
