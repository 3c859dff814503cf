/**
 * The coordinator's stores and how a cycle reads them: everything it needs
 * lives in changelog-backed stores of its one partition, read as of the
 * cycle's instant, and pruned to the window a future cycle can still need.
 */
import type { JsonValue, KeyValueStore, ProcessorContext } from '../runtime/types.ts';
import {
  type AlertFact,
  addVersion,
  type CycleFacts,
  type DipFact,
  type HealthFact,
  type LearningConfig,
  type OutcomeFact,
  outcomeKnownFrom,
  type ParameterState,
  type PendingProposal,
  type RecommendationFact,
  type RunFact,
  valueInForce,
  versionAsOf,
} from './domain/index.ts';
import type { DataEnvelope } from './envelope.ts';

export const COORDINATOR_STORES = [
  'recommendations',
  'outcomes',
  'runs',
  'health',
  'dips',
  'alerts',
  'parameters',
  'pending',
  'commands',
  'clock',
] as const;

type StoreName = (typeof COORDINATOR_STORES)[number];

/** Typed access to the coordinator's stores. */
export function storesOf(ctx: ProcessorContext) {
  const store = <T>(name: StoreName) => ctx.store(name) as unknown as KeyValueStore<T & JsonValue>;
  return {
    recommendations: store<RecommendationFact>('recommendations'),
    /** Versions of each tracking id's outcome, as known over time. */
    outcomes: store<OutcomeFact[]>('outcomes'),
    runs: store<RunFact>('runs'),
    health: store<HealthFact>('health'),
    dips: store<DipFact[]>('dips'),
    alerts: store<AlertFact>('alerts'),
    parameters: store<ParameterState>('parameters'),
    pending: store<PendingProposal>('pending'),
    /** Command ids already applied, with their request time. */
    commands: store<number>('commands'),
    /**
     * data_seen_until: largest event time of a data record; first_cycle: the earliest scheduled
     * instant; next_cycle: the next one due; last_cycle: the last one run; decided_at: the instant
     * of the newest cycle that decided its proposals.
     */
    clock: store<number>('clock'),
  };
}

export type Stores = ReturnType<typeof storesOf>;

export const put = <T>(store: KeyValueStore<T & JsonValue>, key: string, value: T) =>
  store.put(key, value as T & JsonValue);

/** Records one data fact. Replays change nothing: facts are keyed by their identity, versions by number. */
export function recordFact(stores: Stores, envelope: DataEnvelope, horizon: number): void {
  switch (envelope.kind) {
    case 'recommendation':
      put(stores.recommendations, envelope.fact.tracking_id, envelope.fact);
      return;
    case 'outcome': {
      const id = envelope.fact.tracking_id;
      const history: OutcomeFact[] = stores.outcomes.get(id) ?? [];
      const known = { ...envelope.fact, as_of: outcomeKnownFrom(history, envelope.fact) };
      put(stores.outcomes, id, addVersion<OutcomeFact>(history, known, horizon));
      return;
    }
    case 'run':
      put(stores.runs, envelope.fact.run_id, envelope.fact);
      return;
    case 'health':
      put(stores.health, envelope.fact.run_id, envelope.fact);
      return;
    case 'dip': {
      const id = envelope.fact.analysis_id;
      put(stores.dips, id, addVersion<DipFact>(stores.dips.get(id) ?? [], envelope.fact, horizon));
      return;
    }
    case 'alert':
      // First raised is what counts; a re-emission (recurrence, acknowledgement) is the same alert.
      if (!stores.alerts.has(envelope.fact.alert_id))
        put(stores.alerts, envelope.fact.alert_id, envelope.fact);
      return;
  }
}

const valuesOf = <T>(store: KeyValueStore<T & JsonValue>): T[] => [...store.entries()].map(([, v]) => v as T);

/** The value a parameter had in the latest run that finished before `instant` and named it. */
export function runValueAsOf(runs: readonly RunFact[], parameter: string, instant: number): number | null {
  let latest: RunFact | undefined;
  for (const run of runs) {
    if (run.finished_at >= instant || run.parameters[parameter] === undefined) continue;
    if (latest === undefined || run.finished_at > latest.finished_at) latest = run;
  }
  return latest?.parameters[parameter] ?? null;
}

/** The value in force of each configured parameter at `instant`. */
export function valuesInForce(stores: Stores, config: LearningConfig, instant: number) {
  const runs = valuesOf(stores.runs);
  return Object.fromEntries(
    config.parameters.map((rule) => [
      rule.name,
      valueInForce(stores.parameters.get(rule.name), runValueAsOf(runs, rule.name, instant)),
    ]),
  );
}

/** Everything a cycle at `instant` may know. */
export function factsAsOf(stores: Stores, config: LearningConfig, instant: number): CycleFacts {
  return {
    recommendations: valuesOf(stores.recommendations),
    outcomeOf: (id) => versionAsOf<OutcomeFact>(stores.outcomes.get(id) ?? [], instant),
    health: valuesOf(stores.health),
    dips: valuesOf(stores.dips).flatMap((history) => versionAsOf<DipFact>(history, instant) ?? []),
    alerts: valuesOf(stores.alerts),
    valuesInForce: valuesInForce(stores, config, instant),
    dataSeenUntil: stores.clock.get('data_seen_until') ?? null,
  };
}

/**
 * Drops what no cycle from now on can read: facts of event time before
 * `horizon` (the oldest window start still to come), except the latest run
 * naming each parameter, which says what is in force; and command ids older
 * than `commandsBefore`.
 */
export function prune(stores: Stores, horizon: number, commandsBefore: number): void {
  const drop = <T>(store: KeyValueStore<T & JsonValue>, old: (value: T) => boolean) => {
    for (const [key, value] of [...store.entries()]) if (old(value as T)) store.delete(key);
  };
  drop<RecommendationFact>(stores.recommendations, (r) => r.discovered_at < horizon);
  drop<OutcomeFact[]>(
    stores.outcomes,
    (history) =>
      history.every((o) => o.as_of < horizon) && !stores.recommendations.has(history[0]!.tracking_id),
  );
  drop<HealthFact>(stores.health, (h) => h.finished_at < horizon);
  drop<DipFact[]>(stores.dips, (history) => history.every((d) => d.analyzed_at < horizon));
  drop<AlertFact>(stores.alerts, (a) => a.created_at < horizon);
  drop<number>(stores.commands, (requestedAt) => requestedAt < commandsBefore);
  const latestBefore = new Map<string, RunFact>();
  for (const run of valuesOf(stores.runs)) {
    if (run.finished_at >= horizon) continue;
    for (const name of Object.keys(run.parameters)) {
      const latest = latestBefore.get(name);
      if (latest === undefined || run.finished_at > latest.finished_at) latestBefore.set(name, run);
    }
  }
  const keep = new Set([...latestBefore.values()].map((run) => run.run_id));
  drop<RunFact>(stores.runs, (r) => r.finished_at < horizon && !keep.has(r.run_id));
}
