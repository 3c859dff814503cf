/**
 * The bearer token of every mutation and of the alert WebSocket. Without a
 * configured token those routes are disabled (403), never open. Tokens are
 * compared as SHA-256 digests with timingSafeEqual: equal-length inputs, so
 * neither the content nor the length of the token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function tokensEqual(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  return match?.[1];
}

/** Why a request may not pass, or undefined when it may. */
export function tokenRefusal(
  configured: string | undefined,
  header: string | string[] | undefined,
): ApiError | undefined {
  if (configured === undefined) return new ApiError('MUTATIONS_DISABLED');
  const presented = bearerToken(header);
  if (presented === undefined) return new ApiError('TOKEN_MISSING');
  return tokensEqual(configured, presented) ? undefined : new ApiError('TOKEN_INVALID');
}

/** An onRequest hook: runs before the body is read or validated, so a refused caller learns nothing else. */
export function requireToken(configured: string | undefined) {
  return async (request: FastifyRequest): Promise<void> => {
    const refusal = tokenRefusal(configured, request.headers.authorization);
    if (refusal) throw refusal;
  };
}
