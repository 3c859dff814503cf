/** Capped exponential backoff with jitter, so that many sinks do not retry in step. */
export interface BackoffConfig {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * The wait before retry number `attempt` (1 for the first retry): doubling
 * from `initialMs`, capped at `maxMs`, then lowered by up to a quarter at
 * random. `random` returns [0, 1), as Math.random does.
 */
export function backoffDelay(
  attempt: number,
  config: BackoffConfig,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(config.maxMs, config.initialMs * 2 ** exponent);
  return Math.round(capped * (1 - 0.25 * random()));
}
