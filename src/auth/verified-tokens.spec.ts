import { Role } from '../users/role';
import { bearerToken, VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const payload = (exp?: number) => ({ sub: 'user-1', role: Role.Reviewer, tv: 1, ...(exp !== undefined && { exp }) });

  it('should recall a remembered token until the second it expires, by its exact text only', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', payload(1_000));
    expect(tokens.recall('a.b.c', 999_999)).toMatchObject({ sub: 'user-1', tv: 1 });
    expect(tokens.recall('a.b.x', 999_999)).toBeUndefined();
    // jsonwebtoken refuses a token from its exp second on
    expect(tokens.recall('a.b.c', 1_000_000)).toBeUndefined();
    expect(tokens.recall('a.b.c', 0)).toBeUndefined(); // and it is gone
  });

  it('should not remember a token without an expiry, and stay bounded', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('no-exp', payload());
    expect(tokens.recall('no-exp', 0)).toBeUndefined();
    for (let i = 0; i <= 10_000; i++) tokens.remember(`t${i}`, payload(10));
    expect(tokens.recall('t0', 0)).toBeUndefined(); // the oldest made room
    expect(tokens.recall('t10000', 0)).toBeDefined();
  });

  it('should read the bearer token as passport-jwt does', () => {
    expect(bearerToken({ headers: { authorization: 'Bearer abc.def.ghi' } })).toBe('abc.def.ghi');
    expect(bearerToken({ headers: { authorization: 'Basic abc' } })).toBeNull();
    expect(bearerToken({ headers: {} })).toBeNull();
  });
});
