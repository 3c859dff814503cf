import { describe, expect, it } from 'vitest';
import { bearerToken, tokenRefusal, tokensEqual } from '../../../api/auth.ts';

const TOKEN = 'a-token-of-twenty-chars';

describe('bearer token', () => {
  it('reads the token of a Bearer header only', () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`Basic ${TOKEN}`)).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(`Bearer ${TOKEN} extra`)).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken([`Bearer ${TOKEN}`])).toBeUndefined();
  });

  it('compares tokens whatever their lengths', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(tokensEqual(TOKEN, TOKEN.slice(0, -1))).toBe(false);
    expect(tokensEqual(TOKEN, '')).toBe(false);
  });

  it('refuses as disabled when no token is configured, whatever is presented', () => {
    for (const header of [undefined, `Bearer ${TOKEN}`, 'Bearer undefined', 'Bearer ']) {
      expect(tokenRefusal(undefined, header)?.code).toBe('MUTATIONS_DISABLED');
    }
  });

  it('refuses a missing or wrong token and lets the right one pass', () => {
    expect(tokenRefusal(TOKEN, undefined)?.code).toBe('TOKEN_MISSING');
    expect(tokenRefusal(TOKEN, 'Bearer nope-nope-nope-nope')?.code).toBe('TOKEN_INVALID');
    expect(tokenRefusal(TOKEN, `Bearer ${TOKEN}`)).toBeUndefined();
  });
});
