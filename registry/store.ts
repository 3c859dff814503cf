import type { RegistryRecord } from './records.ts';
import type { RegistryStateView } from './state.ts';

/**
 * Where the registry keeps its records. The service decides what to write;
 * a store makes it durable and applies it to the state it exposes.
 */
export interface RegistryStore {
  /** Everything applied so far. */
  readonly state: RegistryStateView;
  /** Rebuilds the state from what is stored; resolves once caught up. */
  start(): Promise<void>;
  /** Catches up with records written by others since the last read. */
  sync(): Promise<void>;
  /** Resolves once the records are durable and applied to `state`, in order. */
  append(records: readonly RegistryRecord[]): Promise<void>;
  close(): Promise<void>;
}
