import { AppConfig } from './app-config';

describe('AppConfig', () => {
  const secret = { JWT_SECRET: 'x'.repeat(40) };

  it('should listen on 127.0.0.1 outside production and on every interface in production, unless HOST says otherwise', () => {
    expect(AppConfig.fromEnvironment({ ...secret }).host).toBe('127.0.0.1');
    expect(AppConfig.fromEnvironment({ ...secret, NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(
      AppConfig.fromEnvironment({ ...secret, NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://desk.example.org' })
        .host,
    ).toBe('0.0.0.0');
    expect(AppConfig.fromEnvironment({ ...secret, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(
      AppConfig.fromEnvironment({
        ...secret,
        NODE_ENV: 'production',
        PUBLIC_BASE_URL: 'https://desk.example.org',
        HOST: '10.1.2.3',
      }).host,
    ).toBe('10.1.2.3');
  });
});
