/** What sample market to generate: validated once, then frozen. */
import { type ExchangeCalendar, isIsoDate, NYSE_CALENDAR } from '../streams/tracker/domain/index.ts';

export interface SampleOptions {
  /** Symbols in the universe (at least 10). */
  readonly symbols: number;
  /** Exchange sessions of history (at least 45: the 30-session horizon, its grace, and some runs). */
  readonly sessions: number;
  /** The same seed gives the same market, record for record. */
  readonly seed: number;
  /**
   * The first session on or after this date starts the history. Left out, the
   * history ends with the last full session before today, so that the API's
   * "last N days" windows show the sample.
   */
  readonly start?: string;
  /** Candidates per discovery run. */
  readonly candidatesPerRun: number;
}

export const DEFAULT_SAMPLE_OPTIONS: SampleOptions = Object.freeze({
  symbols: 200,
  sessions: 120,
  seed: 7,
  candidatesPerRun: 20,
});

export class SampleOptionsError extends Error {
  readonly retriable = false;
  constructor(
    readonly key: string,
    allowed: string,
    value: unknown,
  ) {
    super(`sample option ${key}: expected ${allowed}, got ${JSON.stringify(value)}`);
    this.name = 'SampleOptionsError';
  }
}

export function sampleOptions(input: Partial<SampleOptions> = {}): SampleOptions {
  const options = { ...DEFAULT_SAMPLE_OPTIONS, ...input };
  const integer = (key: keyof SampleOptions, min: number, max: number) => {
    const value = options[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      throw new SampleOptionsError(key, `an integer in [${min}, ${max}]`, value);
  };
  integer('symbols', 10, 20_000);
  integer('sessions', 45, 2_000);
  integer('seed', 0, 2 ** 31 - 1);
  integer('candidatesPerRun', 5, 50);
  if (options.candidatesPerRun > options.symbols)
    throw new SampleOptionsError(
      'candidatesPerRun',
      `at most symbols (${options.symbols})`,
      options.candidatesPerRun,
    );
  if (options.start !== undefined && !isIsoDate(options.start))
    throw new SampleOptionsError('start', 'a date YYYY-MM-DD', options.start);
  return Object.freeze(options);
}

/** The first session of a history of `sessions` sessions ending with the last full one before `nowMs`. */
export function startEndingBefore(
  nowMs: number,
  sessions: number,
  calendar: ExchangeCalendar = NYSE_CALENDAR,
): string {
  const last = calendar.previousSession(calendar.sessionDateOf(nowMs));
  return calendar.nthSessionAfter(last, -(sessions - 1));
}
