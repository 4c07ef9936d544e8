import { createServer, Server, Socket } from 'node:net';
import { Client, Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from '../src/common/errors/all-exceptions.filter';
import { isDatabaseUnavailable } from '../src/common/errors/pg-errors';
import { freePort } from '../src/database/embedded-postgres';
import { AppProcess } from './support/app-process';
import { TcpProxy } from './support/tcp-proxy';
import { ADMIN, bearer } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('a database outage and its end, on a server process (e2e)', () => {
  let proxy: TcpProxy;
  let app: AppProcess;
  let token: string;

  beforeAll(async () => {
    proxy = await TcpProxy.start(process.env.DATABASE_URL!);
    app = await AppProcess.start({ env: { DATABASE_URL: proxy.urlFor(process.env.DATABASE_URL!) } });
    token = (await app.http.post('/auth/login').send(ADMIN).expect(200)).body.accessToken;
  }, 90_000);
  afterAll(async () => {
    await app?.kill('SIGTERM');
    await proxy?.down();
  });

  it('should answer 503 with Retry-After (never 401 or 500) while the database is gone, and recover by itself', async () => {
    await app.http.get('/auth/me').set(bearer(token)).expect(200);
    expect((await app.http.get('/health').expect(200)).body.status).toBe('ok');

    await proxy.down();
    for (const call of [
      () => app.http.get('/auth/me').set(bearer(token)),
      () => app.http.get('/users').set(bearer(token)),
      () => app.http.post('/auth/login').send(ADMIN),
    ]) {
      const res = await call();
      expect({ status: res.status, code: res.body.code, retryAfter: res.headers['retry-after'] }).toEqual({
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        retryAfter: '2',
      });
    }
    const down = await app.http.get('/health');
    expect(down.status).toBe(503);
    expect(down.body.details).toMatchObject({
      database: { status: 'down' },
      cacheInvalidation: { status: 'degraded' },
    });
    expect(app.alive).toBe(true);

    await proxy.up();
    let health = down.body;
    for (let i = 0; i < 100 && health.status !== 'ok'; i++) {
      await sleep(100);
      health = (await app.http.get('/health')).body;
    }
    expect(health).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, cacheInvalidation: { status: 'up' } },
    });
    await app.http.get('/auth/me').set(bearer(token)).expect(200);
    expect(app.alive).toBe(true);
  }, 60_000);
});

describe('what counts as the database being unavailable', () => {
  const filter = new AllExceptionsFilter();
  const bodyOf = (error: unknown) => filter.toBody(error, 'req-1');
  let silent: Server;
  const accepted: Socket[] = [];

  afterAll(
    () =>
      new Promise<void>((done) => {
        accepted.forEach((s) => s.destroy());
        return silent ? silent.close(() => done()) : done();
      }),
  );

  it('should be a refused connection, a connection that never answers and a backend terminated under a query', async () => {
    const refused = await failure(new Client({ host: '127.0.0.1', port: await freePort() }).connect());
    silent = createServer((socket) => accepted.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const pool = new Pool({
      host: '127.0.0.1',
      port: (silent.address() as { port: number }).port,
      connectionTimeoutMillis: 200,
    });
    const timedOut = await failure(pool.connect());
    await pool.end().catch(() => undefined);

    const victim = new Client({ connectionString: process.env.DATABASE_URL });
    victim.on('error', () => undefined);
    await victim.connect();
    const killer = new Client({ connectionString: process.env.DATABASE_URL });
    await killer.connect();
    const running = failure(victim.query('SELECT pg_sleep(5)'));
    await sleep(100);
    await killer.query('SELECT pg_terminate_backend($1)', [(victim as unknown as { processID: number }).processID]);
    const terminated = new QueryFailedError('SELECT pg_sleep(5)', [], (await running) as Error);
    const afterwards = new QueryFailedError('SELECT 1', [], (await failure(victim.query('SELECT 1'))) as Error);
    await killer.end();

    for (const error of [refused, timedOut, terminated, afterwards]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(bodyOf(error)).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    }
  });

  it('should not be a constraint violation, a bad value or a bug', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const badValue = new QueryFailedError('SELECT', [], (await failure(client.query(`SELECT 'x'::uuid`))) as Error);
    await client.end();
    expect(isDatabaseUnavailable(badValue)).toBe(false);
    expect(bodyOf(badValue).statusCode).toBe(400);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(bodyOf(new TypeError('x is undefined')).statusCode).toBe(500);
  });
});
