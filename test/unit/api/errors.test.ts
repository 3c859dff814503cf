import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, API_ERRORS, ApiError, errorBody } from '../../../api/errors.ts';

const root = new URL('../../../', import.meta.url).pathname;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const apiSources = sourcesUnder(join(root, 'api'))
  .filter((path) => !path.endsWith('errors.ts'))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

describe('API error codes', () => {
  it('each has an HTTP error status, a retry flag and a description', () => {
    for (const [code, spec] of Object.entries(API_ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
      expect(typeof spec.retriable).toBe('boolean');
      expect(spec.description.length).toBeGreaterThan(10);
    }
  });

  it('only server-side and rate errors say a retry can help, and every 5xx but INTERNAL does', () => {
    for (const [code, spec] of Object.entries(API_ERRORS)) {
      if (spec.status >= 500) expect([code, spec.retriable]).toEqual([code, code !== 'INTERNAL']);
      if (spec.status === 400 || spec.status === 401 || spec.status === 403)
        expect(spec.retriable).toBe(false);
    }
  });

  it('every code raised in api/ is declared, and every declared code is raised or mapped somewhere', () => {
    const raised = new Set([...apiSources.matchAll(/ApiError\('([A-Z_]+)'/g)].map((m) => m[1]!));
    const listed = new Set([...apiSources.matchAll(/'([A-Z][A-Z_]+)'/g)].map((m) => m[1]!));
    for (const code of raised) expect(API_ERROR_CODES).toContain(code);
    for (const code of API_ERROR_CODES) expect(raised.has(code) || listed.has(code)).toBe(true);
  });

  it('every code is documented in the README error table', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const code of API_ERROR_CODES)
      expect(readme).toContain(`| \`${code}\` | ${API_ERRORS[code].status} |`);
  });

  it('renders a body with the code, message and retry flag, and never a stack', () => {
    const body = errorBody(new ApiError('QUERY_TIMEOUT'));
    expect(body).toEqual({
      success: false,
      error: { code: 'QUERY_TIMEOUT', message: API_ERRORS.QUERY_TIMEOUT.description, retriable: true },
    });
    expect(JSON.stringify(errorBody(new ApiError('INVALID_REQUEST', 'x', ['a'])))).not.toContain('at ');
  });
});
