/**
 * Feeds bars one at a time through evaluation and the emission decision, the
 * way the stream runtime will: stream time is the largest timestamp seen.
 */
import {
  advanceEmission,
  type EmissionDecision,
  type EmittedOutcome,
  evaluateOutcome,
  type OutcomeContext,
  type PositionSnapshot,
  type PriceBar,
  type Recommendation,
  type TrackedOutcome,
} from '../../../../streams/tracker/domain/index.ts';

export type ReplayEvent =
  | { readonly bar: PriceBar }
  | { readonly position: PositionSnapshot }
  | { readonly streamTimeMs: number };

export interface ReplayStep {
  readonly outcome: TrackedOutcome;
  readonly decision: EmissionDecision;
}

export interface Replay {
  readonly steps: ReplayStep[];
  readonly emitted: EmittedOutcome[];
  readonly last: TrackedOutcome | null;
}

export function replay(
  recommendation: Recommendation,
  events: readonly ReplayEvent[],
  context: OutcomeContext,
  startMs = recommendation.discovered_at,
): Replay {
  const bars: PriceBar[] = [];
  const positions: PositionSnapshot[] = [];
  let streamTimeMs = startMs;
  let lastEmitted: EmittedOutcome | null = null;
  const steps: ReplayStep[] = [];
  const emitted: EmittedOutcome[] = [];
  for (const event of events) {
    if ('bar' in event) {
      bars.push(event.bar);
      streamTimeMs = Math.max(streamTimeMs, event.bar.timestamp);
    } else if ('position' in event) {
      positions.push(event.position);
    } else {
      streamTimeMs = Math.max(streamTimeMs, event.streamTimeMs);
    }
    const outcome = evaluateOutcome({ recommendation, bars, positions, streamTimeMs }, context);
    const next = advanceEmission(lastEmitted, outcome);
    steps.push({ outcome, decision: next.decision });
    if (next.decision.emit && next.lastEmitted) emitted.push(next.lastEmitted);
    lastEmitted = next.lastEmitted;
  }
  return { steps, emitted, last: steps.at(-1)?.outcome ?? null };
}
