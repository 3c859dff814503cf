/**
 * The registry's API errors, declared in one place with the codes and HTTP
 * statuses Confluent Schema Registry uses, so clients written against it
 * (which branch on `status` and `error_code`) behave the same here.
 */
export const REGISTRY_ERRORS = {
  subjectNotFound: { code: 40401, status: 404 },
  versionNotFound: { code: 40402, status: 404 },
  schemaNotFound: { code: 40403, status: 404 },
  subjectSoftDeleted: { code: 40404, status: 404 },
  versionSoftDeleted: { code: 40406, status: 404 },
  subjectConfigNotFound: { code: 40408, status: 404 },
  routeNotFound: { code: 404, status: 404 },
  badRequest: { code: 400, status: 400 },
  incompatibleSchema: { code: 409, status: 409 },
  invalidSchema: { code: 42201, status: 422 },
  invalidVersion: { code: 42202, status: 422 },
  invalidCompatibilityLevel: { code: 42203, status: 422 },
  storeError: { code: 50001, status: 500 },
  storeTimeout: { code: 50002, status: 500 },
  unsupported: { code: 50101, status: 501 },
  internal: { code: 50000, status: 500 },
} as const satisfies Record<string, { code: number; status: number }>;

export type RegistryErrorKind = keyof typeof REGISTRY_ERRORS;

export class RegistryError extends Error {
  readonly kind: RegistryErrorKind;
  readonly errorCode: number;
  readonly status: number;

  constructor(kind: RegistryErrorKind, message: string) {
    super(message);
    this.name = 'RegistryError';
    this.kind = kind;
    this.errorCode = REGISTRY_ERRORS[kind].code;
    this.status = REGISTRY_ERRORS[kind].status;
  }

  toBody(): { error_code: number; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

export const errors = {
  subjectNotFound: (subject: string) =>
    new RegistryError('subjectNotFound', `Subject '${subject}' not found.`),
  versionNotFound: (version: number | string) =>
    new RegistryError('versionNotFound', `Version ${version} not found.`),
  schemaNotFound: (detail = 'Schema not found') => new RegistryError('schemaNotFound', detail),
  subjectSoftDeleted: (subject: string) =>
    new RegistryError(
      'subjectSoftDeleted',
      `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`,
    ),
  versionSoftDeleted: (subject: string, version: number) =>
    new RegistryError(
      'versionSoftDeleted',
      `Subject '${subject}' Version ${version} was soft deleted. Set permanent=true to delete permanently`,
    ),
  subjectConfigNotFound: (subject: string) =>
    new RegistryError(
      'subjectConfigNotFound',
      `Subject '${subject}' does not have subject-level compatibility configured`,
    ),
  incompatibleSchema: (subject: string, reasons: readonly string[]) =>
    new RegistryError(
      'incompatibleSchema',
      `Schema being registered is incompatible with an earlier schema for subject "${subject}"` +
        (reasons.length > 0 ? `, details: [${reasons.join('; ')}]` : ''),
    ),
  invalidSchema: (detail: string) => new RegistryError('invalidSchema', `Invalid schema: ${detail}`),
  invalidVersion: (version: string) =>
    new RegistryError(
      'invalidVersion',
      `The specified version '${version}' is not a valid version id. ` +
        'Allowed values are between [1, 2^31-1] and the string "latest"',
    ),
  invalidCompatibilityLevel: (given: unknown) =>
    new RegistryError(
      'invalidCompatibilityLevel',
      `Invalid compatibility level ${JSON.stringify(given)}. Valid values are none, backward, forward, full, ` +
        'backward_transitive, forward_transitive, and full_transitive',
    ),
} as const;
