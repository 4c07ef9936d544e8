import { AppConfig } from './app-config';
import { EnvironmentError, parseTrustProxy, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('should apply defaults to an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      JWT_TTL: '12h',
      BODY_LIMIT: 1_048_576,
      NODE_ENV: 'development',
      MIGRATIONS_RUN: 'true',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('should convert numeric strings', () => {
    expect(validateEnvironment({ PORT: '8080', EXTRACTION_THRESHOLD: '0.4' })).toMatchObject({
      PORT: 8080,
      EXTRACTION_THRESHOLD: 0.4,
    });
  });

  it('should name every bad variable in one error', () => {
    const run = () =>
      validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_TTL: 'forever', BODY_LIMIT: '10' });
    expect(run).toThrow(EnvironmentError);
    const message = (() => {
      try {
        run();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_TTL', 'BODY_LIMIT']) expect(message).toContain(name);
  });

  it('should require JWT_SECRET in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required/);
    expect(() =>
      validateEnvironment({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        PUBLIC_BASE_URL: 'https://desk.example.org',
      }),
    ).not.toThrow();
  });

  it('should require PUBLIC_BASE_URL in production, where ClaimReview urls must be public', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(
      /PUBLIC_BASE_URL: required when NODE_ENV=production/,
    );
    expect(AppConfig.fromEnvironment({ PORT: '8080', JWT_SECRET: 'x'.repeat(40) }).claimReview.publicBaseUrl).toBe(
      'http://localhost:8080',
    );
    expect(
      AppConfig.fromEnvironment({ PUBLIC_BASE_URL: 'https://desk.example.org/', JWT_SECRET: 'x'.repeat(40) })
        .claimReview.publicBaseUrl,
    ).toBe('https://desk.example.org');
  });

  it('should need a LISTEN URL of its own behind a transaction pooler, and default it to DATABASE_URL otherwise', () => {
    const pooled = { DB_POOL_MODE: 'transaction', DATABASE_URL: 'postgres://app@pgbouncer:6432/factcheck' };
    expect(() => validateEnvironment(pooled)).toThrow(/DATABASE_LISTEN_URL: required when DB_POOL_MODE=transaction/);
    expect(() => validateEnvironment({ ...pooled, DB_POOL_MODE: 'statement' })).toThrow(/DB_POOL_MODE/);
    const direct = 'postgres://app@db:5432/factcheck';
    expect(
      AppConfig.fromEnvironment({ ...pooled, DATABASE_LISTEN_URL: direct, JWT_SECRET: 'x'.repeat(40) }),
    ).toMatchObject({ dbPoolMode: 'transaction', databaseListenUrl: direct });
    expect(AppConfig.fromEnvironment({ DATABASE_URL: direct, JWT_SECRET: 'x'.repeat(40) })).toMatchObject({
      dbPoolMode: 'session',
      databaseListenUrl: direct,
    });
  });

  it('should parse who may scrape /metrics, and refuse a short token or a bad address', () => {
    expect(AppConfig.fromEnvironment({ JWT_SECRET: 'x'.repeat(40) }).metrics).toEqual({
      token: undefined,
      allow: ['loopback'],
    });
    expect(
      AppConfig.fromEnvironment({ JWT_SECRET: 'x'.repeat(40), METRICS_ALLOW: 'none', METRICS_TOKEN: 't'.repeat(16) })
        .metrics,
    ).toEqual({ token: 't'.repeat(16), allow: [] });
    expect(
      AppConfig.fromEnvironment({ JWT_SECRET: 'x'.repeat(40), METRICS_ALLOW: '10.0.0.0/8, uniquelocal' }).metrics.allow,
    ).toEqual(['10.0.0.0/8', 'uniquelocal']);
    expect(() => validateEnvironment({ METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN must be at least 16 characters/,
    );
    expect(() => validateEnvironment({ METRICS_ALLOW: '10.0.0.0/40' })).toThrow(
      /METRICS_ALLOW: not an address, subnet or keyword/,
    );
  });

  it('should refuse a short secret and half of the admin bootstrap pair', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnvironment({ ADMIN_EMAIL: 'a@b.co' })).toThrow(/ADMIN_EMAIL\/ADMIN_PASSWORD/);
  });

  it('should trust no proxy by default, and read addresses, subnets and keywords', () => {
    expect(parseTrustProxy(validateEnvironment({}).TRUST_PROXY).trustProxy).toBe(false);
    expect(parseTrustProxy('true').trustProxy).toBe(true);
    expect(parseTrustProxy('10.0.0.0/8, loopback,::1,fd00::/8').trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
      '::1',
      'fd00::/8',
    ]);
    for (const bad of ['2', '10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1', 'yes']) {
      expect(() => validateEnvironment({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: not an address, subnet or keyword/);
    }
  });
});
