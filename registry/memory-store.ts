import type { RegistryRecord } from './records.ts';
import { RegistryState } from './state.ts';
import type { RegistryStore } from './store.ts';

/** Keeps records in memory; for unit tests and for replaying a recorded log. */
export class MemoryRegistryStore implements RegistryStore {
  readonly state = new RegistryState();
  private readonly log: RegistryRecord[] = [];

  constructor(initial: readonly RegistryRecord[] = []) {
    for (const record of initial) this.apply(record);
  }

  /** Every record appended, in order (what a Kafka topic would hold before compaction). */
  get records(): readonly RegistryRecord[] {
    return this.log;
  }

  async start(): Promise<void> {}

  async sync(): Promise<void> {}

  async append(records: readonly RegistryRecord[]): Promise<void> {
    for (const record of records) this.apply(record);
  }

  async close(): Promise<void> {}

  private apply(record: RegistryRecord): void {
    this.log.push(record);
    this.state.apply(record);
  }
}
