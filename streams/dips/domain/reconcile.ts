/**
 * What to publish for a session, given what was published before. An
 * analysis is a function of everything known about its session: the daily
 * bar, the bars before it (volume), the snapshot in force and, when followed,
 * the bars after it (outcome). Records of a symbol can arrive in any order (a
 * backfill of bars before positions, a late snapshot), so each change of that
 * knowledge restates the analysis with a higher version, and a session that
 * turns out not to qualify after all is withdrawn. One analysis id per
 * holding and daily bar, whatever the order: the last version is the same.
 */
import type { DipsConfig } from './config.ts';
import { isFollowed, sameOutcome, UNFOLLOWED_OUTCOME } from './follow-up.ts';
import type { DipDecision, DipOutcome } from './types.ts';

/** An analysis as last published. */
export interface PublishedAnalysis {
  readonly decision: DipDecision;
  readonly outcome: DipOutcome;
  readonly withdrawn: boolean;
  readonly version: number;
}

export interface SessionKnowledge {
  readonly previous: PublishedAnalysis | null;
  /** The analysis the data gives now; null when the holding does not qualify on the session. */
  readonly decision: DipDecision | null;
  /** Whether the analysis is still followed to its outcome (not retired). */
  readonly following: boolean;
  /** The outcome of a followed decision at the stream time. */
  readonly evaluate: (decision: DipDecision) => DipOutcome;
}

/** Stored decisions are frozen and compared again on every record of their symbol: their text is kept. */
const storedText = new WeakMap<DipDecision, string>();

function textOf(decision: DipDecision): string {
  let text = storedText.get(decision);
  if (text === undefined) {
    text = JSON.stringify(decision);
    if (Object.isFrozen(decision)) storedText.set(decision, text);
  }
  return text;
}

/** Decisions are plain data built the same way every time: equal means equal in every field. */
export function sameDecision(a: DipDecision, b: DipDecision): boolean {
  return textOf(a) === textOf(b);
}

function outcomeFor(knowledge: SessionKnowledge, decision: DipDecision, config: DipsConfig): DipOutcome {
  if (!isFollowed(decision, config)) return UNFOLLOWED_OUTCOME;
  const { previous } = knowledge;
  const unchanged = previous !== null && !previous.withdrawn && sameDecision(previous.decision, decision);
  // A retired analysis keeps the outcome it settled with; anything else is evaluated again.
  return unchanged && !knowledge.following ? previous.outcome : knowledge.evaluate(decision);
}

/** The analysis to publish now, or null when the published one still stands. */
export function reconcileSession(knowledge: SessionKnowledge, config: DipsConfig): PublishedAnalysis | null {
  const { previous, decision } = knowledge;
  const version = (previous?.version ?? 0) + 1;
  if (decision === null) {
    if (previous === null || previous.withdrawn) return null;
    return { ...previous, outcome: { ...previous.outcome, final: true }, withdrawn: true, version };
  }
  const outcome = outcomeFor(knowledge, decision, config);
  const unchanged =
    previous !== null &&
    !previous.withdrawn &&
    sameDecision(previous.decision, decision) &&
    sameOutcome(previous.outcome, outcome);
  return unchanged ? null : { decision, outcome, withdrawn: false, version };
}

/** A buy-more signal worth an alert: BUY_MORE with something to add, which the previous version was not. */
export function isNewSignal(previous: PublishedAnalysis | null, next: PublishedAnalysis): boolean {
  const signals = (a: PublishedAnalysis | null) =>
    a !== null && !a.withdrawn && a.decision.action === 'BUY_MORE' && (a.decision.sizing?.amount ?? 0) > 0;
  return signals(next) && !signals(previous);
}
