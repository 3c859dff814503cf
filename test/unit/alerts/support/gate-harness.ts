import type { AckOutcome, AlertAck } from '../../../../streams/alerts/domain/acknowledge.ts';
import { applyAck } from '../../../../streams/alerts/domain/acknowledge.ts';
import type { AlertCandidate } from '../../../../streams/alerts/domain/alert.ts';
import type { AlertsConfig } from '../../../../streams/alerts/domain/config.ts';
import type { AlertsConfigInput } from '../../../../streams/alerts/domain/config-validation.ts';
import { createAlertsConfig } from '../../../../streams/alerts/domain/config-validation.ts';
import type { GateOutcome } from '../../../../streams/alerts/domain/gate.ts';
import { decideAlert } from '../../../../streams/alerts/domain/gate.ts';
import type { AlertTypeState, DedupKeyState } from '../../../../streams/alerts/domain/gate-state.ts';

export const T0 = 1_700_000_000_000;

export function candidate(overrides: Partial<AlertCandidate> = {}): AlertCandidate {
  return {
    type: 'PIPELINE_UNHEALTHY',
    severity: 'WARNING',
    component: 'discovery-monitor',
    title: 'Discovery run run-1 unhealthy',
    message: 'slow',
    data: { run_id: 'run-1' },
    dedup_key: 'pipeline_unhealthy:run-1',
    event_time: T0,
    ...overrides,
  };
}

/** One policy for every type, so a test reads its windows at a glance. */
export function configWith(
  suppressionWindowMs: number,
  rateLimit: { max_alerts: number; window_ms: number; window_kind?: 'sliding' | 'fixed' },
  extra: AlertsConfigInput = {},
): AlertsConfig {
  const policy = { suppression_window_ms: suppressionWindowMs, rate_limit: rateLimit };
  return createAlertsConfig({
    ...extra,
    default_policy: policy,
    policies: {
      MISSED_OPPORTUNITY: policy,
      PIPELINE_UNHEALTHY: policy,
      BUY_MORE_SIGNAL: policy,
      CYCLE_COMPLETED: policy,
      PARAMETER_PROPOSED: policy,
      PARAMETER_APPLIED: policy,
    },
  });
}

/** Stored states as the changelog would hold them: JSON text, read back on every use. */
export interface GateStores {
  readonly keys: Map<string, string>;
  readonly types: Map<string, string>;
}

function read<T>(store: Map<string, string>, key: string): T | null {
  const text = store.get(key);
  return text === undefined ? null : (JSON.parse(text) as T);
}

/**
 * Drives the pure gate the way a processor would: load the key's and the
 * type's state, decide, store what comes back. Going through JSON on every
 * step proves the state survives a changelog round trip.
 */
export function createGateHarness(config: AlertsConfig, stores: GateStores = emptyStores()) {
  return {
    stores,
    judge(next: AlertCandidate): GateOutcome {
      const outcome = decideAlert({
        candidate: next,
        key_state: read<DedupKeyState>(stores.keys, next.dedup_key),
        type_state: read<AlertTypeState>(stores.types, next.type),
        config,
      });
      if (outcome.key_state !== null) stores.keys.set(next.dedup_key, JSON.stringify(outcome.key_state));
      if (outcome.type_state !== null) stores.types.set(next.type, JSON.stringify(outcome.type_state));
      return outcome;
    },
    acknowledge(dedupKey: string, ack: AlertAck): AckOutcome {
      const outcome = applyAck(read<DedupKeyState>(stores.keys, dedupKey), ack, config);
      if (outcome.key_state !== null) stores.keys.set(dedupKey, JSON.stringify(outcome.key_state));
      return outcome;
    },
    keyState(dedupKey: string): DedupKeyState | null {
      return read<DedupKeyState>(stores.keys, dedupKey);
    },
    typeState(type: string): AlertTypeState | null {
      return read<AlertTypeState>(stores.types, type);
    },
  };
}

export function emptyStores(): GateStores {
  return { keys: new Map(), types: new Map() };
}

export function copyStores(stores: GateStores): GateStores {
  return { keys: new Map(stores.keys), types: new Map(stores.types) };
}
