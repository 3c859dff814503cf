/**
 * Errors of the alert domain. Both are about the input, so retrying the same
 * input cannot help: callers dead-letter the record or fix the configuration.
 */
export class AlertsConfigError extends Error {
  readonly retriable = false;

  constructor(
    readonly key: string,
    readonly problem: string,
    readonly allowed: string,
  ) {
    super(`alerts config: ${key} ${problem}; allowed: ${allowed}`);
    this.name = 'AlertsConfigError';
  }
}

export class InvalidAlertInputError extends Error {
  readonly retriable = false;

  constructor(readonly problems: readonly string[]) {
    super(`invalid alert input: ${problems.join('; ')}`);
    this.name = 'InvalidAlertInputError';
  }
}
