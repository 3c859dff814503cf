import { ConfigError } from './endpoints.ts';

/** Master and per-part switches: any part can be turned off without touching the others. */
export interface Switches {
  readonly learning: boolean;
  readonly alerts: boolean;
  readonly tracker: boolean;
  /** The learning coordinator (weekly and on-demand cycles). */
  readonly coordinator: boolean;
  /** AMC_LEARNING_AUTO_APPLY: earned proposals confident enough are applied without approval. */
  readonly autoApply: boolean;
  /** The discovery monitor (AMC_LEARNING_MONITOR_ENABLED). */
  readonly monitor: boolean;
  /** The buy-the-dip validator (AMC_LEARNING_DIPS_ENABLED). */
  readonly dips: boolean;
  /** The ClickHouse sink. */
  readonly sinks: boolean;
  /** The HTTP API beside the processors (AMC_LEARNING_API_ENABLED). */
  readonly api: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

function flag(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  throw new ConfigError(key, `"${env[key]}" is not a switch; allowed: true, false (or 1/0, yes/no, on/off)`);
}

export function loadSwitches(env: Env = process.env): Switches {
  const learning = flag(env, 'AMC_LEARNING_ENABLED', true);
  return Object.freeze({
    learning,
    alerts: learning && flag(env, 'AMC_LEARNING_ALERTS_ENABLED', true),
    tracker: learning && flag(env, 'AMC_LEARNING_TRACKER_ENABLED', true),
    coordinator: learning && flag(env, 'AMC_LEARNING_COORDINATOR_ENABLED', true),
    autoApply: flag(env, 'AMC_LEARNING_AUTO_APPLY', false),
    monitor: learning && flag(env, 'AMC_LEARNING_MONITOR_ENABLED', true),
    dips: learning && flag(env, 'AMC_LEARNING_DIPS_ENABLED', true),
    sinks: learning && flag(env, 'AMC_LEARNING_SINKS_ENABLED', true),
    api: learning && flag(env, 'AMC_LEARNING_API_ENABLED', true),
  });
}
