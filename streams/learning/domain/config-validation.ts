import type { LearningConfig, ParameterAttribute, ParameterRule } from './config.ts';

/** A configuration value that is not allowed; names the key and what would be. */
export class LearningConfigError extends Error {
  readonly retriable = false;
  constructor(
    readonly key: string,
    readonly allowed: string,
    value: unknown,
  ) {
    super(`learning config ${key}: expected ${allowed}, got ${JSON.stringify(value)}`);
    this.name = 'LearningConfigError';
  }
}

const TOP_LEVEL_KEYS: readonly (keyof LearningConfig)[] = [
  'schedule',
  'windowDays',
  'minSample',
  'minKept',
  'minExplosiveShareKept',
  'evidenceMinSample',
  'parsimonyStandardErrors',
  'bootstrap',
  'autoApply',
  'autoApplyMinConfidence',
  'parameters',
];

/** Parameter names travel as record keys and map keys downstream. */
const PARAMETER_NAME = /^[a-z][a-z0-9_]*$/;

function integer(key: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new LearningConfigError(key, `an integer in [${min}, ${max}]`, value);
  }
}

function share(key: string, value: unknown, { open }: { open: boolean }): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (open ? value > 0 && value < 1 : value >= 0 && value <= 1);
  if (!ok) throw new LearningConfigError(key, open ? 'a number in (0, 1)' : 'a number in [0, 1]', value);
}

function timeZone(key: string, value: unknown): void {
  try {
    if (typeof value !== 'string') throw new RangeError();
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new LearningConfigError(key, 'an IANA time zone such as America/New_York', value);
  }
}

function attribute(key: string, value: ParameterAttribute): void {
  const allowed = "{kind: 'composite_score'} | {kind: 'vigl_score'} | {kind: 'factor', factors: [names]}";
  if (typeof value !== 'object' || value === null) throw new LearningConfigError(key, allowed, value);
  if (value.kind === 'composite_score' || value.kind === 'vigl_score') {
    // Factors named for a score would be ignored: refused rather than silently dropped.
    if ('factors' in value) {
      throw new LearningConfigError(`${key}.factors`, `no factors for kind ${value.kind}`, value.factors);
    }
    return;
  }
  if (value.kind !== 'factor') throw new LearningConfigError(key, allowed, value);
  const names = value.factors;
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string' || n === '')) {
    throw new LearningConfigError(`${key}.factors`, 'a non-empty list of factor names', names);
  }
}

function grid(key: string, values: readonly number[]): void {
  const allowed = 'at least two finite numbers, strictly ascending';
  if (!Array.isArray(values) || values.length < 2) throw new LearningConfigError(key, allowed, values);
  values.forEach((value, i) => {
    const previous = i > 0 ? values[i - 1]! : Number.NEGATIVE_INFINITY;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= previous) {
      throw new LearningConfigError(key, allowed, values);
    }
  });
}

function parameters(rules: readonly ParameterRule[]): void {
  if (!Array.isArray(rules) || rules.length === 0) {
    throw new LearningConfigError('parameters', 'a non-empty list of parameter rules', rules);
  }
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const key = `parameters.${i}`;
    if (typeof rule.name !== 'string' || !PARAMETER_NAME.test(rule.name)) {
      throw new LearningConfigError(`${key}.name`, 'a snake_case name', rule.name);
    }
    if (seen.has(rule.name))
      throw new LearningConfigError(`${key}.name`, 'a name not used before', rule.name);
    seen.add(rule.name);
    attribute(`${key}.attribute`, rule.attribute);
    grid(`${key}.grid`, rule.grid);
  });
}

/** Throws LearningConfigError on the first bad value; `givenKeys` are the top-level keys the caller passed. */
export function validateLearningConfig(config: LearningConfig, givenKeys: readonly string[]): void {
  for (const key of givenKeys) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      throw new LearningConfigError(key, `one of the known keys ${TOP_LEVEL_KEYS.join(', ')}`, key);
    }
  }
  const { schedule, bootstrap } = config;
  integer('schedule.weekday', schedule.weekday, 0, 6);
  integer('schedule.hour', schedule.hour, 0, 23);
  integer('schedule.minute', schedule.minute, 0, 59);
  timeZone('schedule.timeZone', schedule.timeZone);
  integer('schedule.graceMs', schedule.graceMs, 0, 7 * 86_400_000);
  integer('windowDays', config.windowDays, 1, 3660);
  integer('minSample', config.minSample, 2);
  integer('minKept', config.minKept, 2);
  if (config.minKept > config.minSample) {
    throw new LearningConfigError('minKept', `an integer <= minSample (${config.minSample})`, config.minKept);
  }
  share('minExplosiveShareKept', config.minExplosiveShareKept, { open: false });
  integer('evidenceMinSample', config.evidenceMinSample, 5);
  const parsimony = config.parsimonyStandardErrors;
  if (typeof parsimony !== 'number' || !Number.isFinite(parsimony) || parsimony < 0 || parsimony > 10) {
    throw new LearningConfigError('parsimonyStandardErrors', 'a number in [0, 10]', parsimony);
  }
  integer('bootstrap.resamples', bootstrap.resamples, 1000, 1_000_000);
  integer('bootstrap.seed', bootstrap.seed, 0, 0xffffffff);
  share('bootstrap.intervalLevel', bootstrap.intervalLevel, { open: true });
  if (typeof config.autoApply !== 'boolean') {
    throw new LearningConfigError('autoApply', 'true or false', config.autoApply);
  }
  share('autoApplyMinConfidence', config.autoApplyMinConfidence, { open: false });
  parameters(config.parameters);
}
