export { buildRegistryApp, REGISTRY_CONTENT_TYPE, type RegistryAppOptions } from './app.ts';
export { COMPATIBILITY_LEVELS, type CompatibilityLevel, DEFAULT_COMPATIBILITY } from './compatibility.ts';
export { REGISTRY_ERRORS, RegistryError } from './errors.ts';
export { KafkaRegistryStore, type KafkaRegistryStoreOptions } from './kafka-store.ts';
export { MemoryRegistryStore } from './memory-store.ts';
export type { RegistryRecord } from './records.ts';
export type { RegistryStateView, SubjectVersion } from './state.ts';
export type { RegistryStore } from './store.ts';
