/**
 * What the coordinator's single-key topic carries: each input reduced to the
 * fact the cycle needs, tagged with its kind and its event time (`at`, the
 * topic's event-time field). Commands pass through as sent, to be validated
 * where they are applied.
 */
import type {
  AlertFact,
  DipFact,
  HealthFact,
  OutcomeFact,
  RecommendationFact,
  RunFact,
} from './domain/index.ts';

export type CoordinatorEnvelope =
  | { readonly kind: 'recommendation'; readonly at: number; readonly fact: RecommendationFact }
  | { readonly kind: 'outcome'; readonly at: number; readonly fact: OutcomeFact }
  | { readonly kind: 'run'; readonly at: number; readonly fact: RunFact }
  | { readonly kind: 'health'; readonly at: number; readonly fact: HealthFact }
  | { readonly kind: 'dip'; readonly at: number; readonly fact: DipFact }
  | { readonly kind: 'alert'; readonly at: number; readonly fact: AlertFact }
  | { readonly kind: 'command'; readonly at: number; readonly command: unknown };

export type DataEnvelope = Exclude<CoordinatorEnvelope, { kind: 'command' }>;

/** Every record of the coordinator's topic has this one key. */
export const COORDINATOR_KEY = 'coordinator';

/** The event time of an envelope (NaN for anything else, which the runtime dead-letters). */
export const coordinatorEventTime = (value: unknown): number => {
  const at = (value as { at?: unknown } | null)?.at;
  return typeof at === 'number' ? at : Number.NaN;
};
