/**
 * Time marks: how stream time reaches a partition that has no records of its
 * own. A halted or delisted symbol alone in its partition would otherwise
 * never see its missing checkpoint, because nothing moves that partition's
 * stream time.
 *
 * A re-keying step sends a mark carrying its stream time to every partition
 * of its output when its stream time enters a new bucket (an exchange
 * session date), and an idle mark when it has delivered everything its input
 * partition holds (it read up to the partition's end). A receiving partition
 * keeps the latest mark of each sender; its watermark is the minimum over
 * the senders still delivering, so no partition is pushed past data a slower
 * sender is still working through (in a backfill, senders progress through
 * event time at very different speeds). When every sender is idle, all data
 * has been delivered and the watermark is the newest of their times. Stream
 * time is the larger of the partition's own records and the watermark.
 * Marks never reach a processor, an output topic or a sink.
 */

export interface TimeMark {
  readonly $mark: {
    /** The sender: `<application id>:<input topic>/<partition>`. */
    readonly source: string;
    /** The sender's stream time, epoch ms. */
    readonly time: number;
    /** The sender has delivered everything its input partition held. */
    readonly idle: boolean;
  };
}

/** What a receiver remembers of a sender. */
export interface SenderMark {
  readonly time: number;
  readonly idle: boolean;
}

export function timeMark(source: string, time: number, idle: boolean): TimeMark {
  return { $mark: { source, time, idle } };
}

export function isTimeMark(value: unknown): value is TimeMark {
  if (value === null || typeof value !== 'object' || !('$mark' in value)) return false;
  const mark = (value as { $mark: unknown }).$mark;
  return (
    mark !== null &&
    typeof mark === 'object' &&
    typeof (mark as { source?: unknown }).source === 'string' &&
    Number.isFinite((mark as { time?: unknown }).time) &&
    typeof (mark as { idle?: unknown }).idle === 'boolean'
  );
}

export const markSource = (applicationId: string, topic: string, partition: number): string =>
  `${applicationId}:${topic}/${partition}`;

/**
 * The watermark of the senders' latest marks: the minimum over those still
 * delivering, or the newest time when all are idle; -Infinity with none.
 */
export function watermarkOf(senders: Iterable<SenderMark>): number {
  const all = [...senders];
  if (all.length === 0) return Number.NEGATIVE_INFINITY;
  const delivering = all.filter((s) => !s.idle);
  return delivering.length > 0
    ? Math.min(...delivering.map((s) => s.time))
    : Math.max(...all.map((s) => s.time));
}
