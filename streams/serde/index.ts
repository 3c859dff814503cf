// Public surface of the serde: import from here.
export {
  buildDeadLetter,
  type DeadLetterContext,
  type DeadLetterSource,
  deadLetterKey,
} from './dead-letter.ts';
export { DEFAULT_FUTURE_MARGIN_MS, type RuleContext } from './generic-checks.ts';
export { REASON_DESCRIPTIONS, type ReasonCode, type Rejection, rejection } from './reasons.ts';
export { RegistryError, type SchemaRegistryClient } from './registry-client.ts';
export {
  createHttpRegistryClient,
  DEFAULT_SCHEMA_REGISTRY_URL,
  registryUrlFromEnv,
} from './registry-http.ts';
export { createMemoryRegistry, type MemoryRegistry } from './registry-memory.ts';
export { checkRecord, TOPIC_RULES } from './rules.ts';
export {
  createSerde,
  type DecodeOptions,
  type DecodeResult,
  EncodeError,
  type Serde,
  type SerdeOptions,
} from './serde.ts';
export { frame, HEADER_LENGTH, MAGIC_BYTE, unframe } from './wire-format.ts';
