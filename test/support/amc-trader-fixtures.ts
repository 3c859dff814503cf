import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The recorded AMC-TRADER outputs (test/fixtures/amc-trader, README there). */
export const AMC_TRADER_FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/amc-trader',
);

export const fixtureText = (name: string): string =>
  readFileSync(path.join(AMC_TRADER_FIXTURES, name), 'utf8');

/** A rule context whose clock is far past every fixture, as an import run today would have. */
export const IMPORT_CONTEXT = { now: Date.parse('2026-11-01T00:00:00Z'), futureMarginMs: 3_600_000 };
