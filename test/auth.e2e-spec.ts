import { LoginAttemptsService } from '../src/auth/login-attempts.service';
import { InvalidationListener } from '../src/database/invalidation-listener.service';
import { PasswordHasher } from '../src/users/password-hasher.service';
import { Role } from '../src/users/role';
import { ADMIN, bearer, TestApp } from './support/test-app';

describe('auth (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('should log in with email in any case and return a token, its lifetime and the user', async () => {
    const res = await t.http
      .post('/auth/login')
      .send({ email: ADMIN.email.toUpperCase(), password: ADMIN.password })
      .expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 43200,
      user: expect.objectContaining({
        email: ADMIN.email,
        role: 'admin',
        active: true,
        lastLoginAt: expect.any(String),
      }),
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
  });

  it('should refuse a wrong password, an unknown email and a malformed body', async () => {
    await t.http.post('/auth/login').send({ email: ADMIN.email, password: 'wrong-password' }).expect(401);
    await t.http.post('/auth/login').send({ email: 'nobody@test.example', password: 'whatever-123' }).expect(401);
    const res = await t.http
      .post('/auth/login')
      .send({ email: 'not-an-email', password: 'x', extra: true })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'extra']);
  });

  it('should return the signed-in user on /auth/me and 401 without or with a forged token', async () => {
    const reviewer = await t.createUser(Role.Reviewer);
    const me = await t.http.get('/auth/me').set(bearer(reviewer.token)).expect(200);
    expect(me.body).toMatchObject({ id: reviewer.id, role: 'reviewer' });
    await t.http.get('/auth/me').expect(401);
    const [h, p] = reviewer.token.split('.');
    await t.http
      .get('/auth/me')
      .set(bearer(`${h}.${p}.forged-signature`))
      .expect(401);
  });

  it('should revoke existing tokens at once on deactivation, role change and password reset', async () => {
    const deactivated = await t.createUser(Role.Reviewer);
    await t.http.patch(`/users/${deactivated.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    await t.http.get('/auth/me').set(bearer(deactivated.token)).expect(401);
    await t.http.post('/auth/login').send({ email: deactivated.email, password: deactivated.password }).expect(401);

    const promoted = await t.createUser(Role.Reviewer);
    await t.http.patch(`/users/${promoted.id}`).set(bearer(admin)).send({ role: 'editor' }).expect(200);
    await t.http.get('/auth/me').set(bearer(promoted.token)).expect(401);
    const fresh = await t.login(promoted.email, promoted.password);
    expect((await t.http.get('/auth/me').set(bearer(fresh)).expect(200)).body.role).toBe('editor');

    const reset = await t.createUser(Role.Editor);
    await t.http
      .post(`/users/${reset.id}/password`)
      .set(bearer(admin))
      .send({ password: 'brand-new-password' })
      .expect(204);
    await t.http.get('/auth/me').set(bearer(reset.token)).expect(401);
    await t.http.post('/auth/login').send({ email: reset.email, password: reset.password }).expect(401);
    await t.login(reset.email, 'brand-new-password');
  });

  it('should keep tokens valid when only the display name changes', async () => {
    const user = await t.createUser(Role.Editor);
    await t.http.patch(`/users/${user.id}`).set(bearer(admin)).send({ displayName: 'Renamed' }).expect(200);
    await t.http.get('/auth/me').set(bearer(user.token)).expect(200);
  });

  it('should change the own password only with the current one, revoking old tokens and returning a new one', async () => {
    const user = await t.createUser(Role.Reviewer);
    const wrong = await t.http
      .post('/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: 'nope-nope-nope', password: 'another-password-1' })
      .expect(403);
    expect(wrong.body.code).toBe('CURRENT_PASSWORD_INCORRECT');
    await t.http
      .post('/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: user.password, password: 'short' })
      .expect(400);
    const ok = await t.http
      .post('/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: user.password, password: 'another-password-1' })
      .expect(200);
    await t.http.get('/auth/me').set(bearer(user.token)).expect(401);
    await t.http.get('/auth/me').set(bearer(ok.body.accessToken)).expect(200);
    await t.login(user.email, 'another-password-1');
  });
});

describe('login limits, shared by instances behind a trusted proxy (e2e)', () => {
  let one: TestApp;
  let two: TestApp;
  /** A login as forwarded by the (loopback) proxy for a client at `ip`. */
  const login = (t: TestApp, ip: string, email: string, password = 'guess-123') =>
    t.http.post('/auth/login').set('x-forwarded-for', `${ip}, 127.0.0.1`).send({ email, password });
  const pairKey = (email: string, ip: string) => `account:${email} ip:${ip}`;

  beforeAll(async () => {
    Object.assign(process.env, {
      LOGIN_LIMIT_PER_EMAIL: '3',
      LOGIN_LIMIT_PER_IP: '5',
      LOGIN_DELAY_SECONDS: '30',
      TRUST_PROXY: 'loopback',
    });
    [one, two] = await Promise.all([TestApp.start(), TestApp.start()]);
    // The helpers sign in from the loopback address itself: the failures the suites above made from there must not
    // count against this block's low limits.
    await one.db.query(`DELETE FROM login_failures WHERE ip = '127.0.0.1'`);
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
    for (const name of ['LOGIN_LIMIT_PER_EMAIL', 'LOGIN_LIMIT_PER_IP', 'LOGIN_DELAY_SECONDS', 'TRUST_PROXY'])
      delete process.env[name];
  });

  it('should not count successful logins', async () => {
    for (let i = 0; i < 5; i++) await login(i % 2 ? one : two, '198.51.100.1', ADMIN.email, ADMIN.password).expect(200);
  });

  it('should delay an account from the address its failures came from, counted on both instances, and not from elsewhere', async () => {
    const target = await one.createUser(Role.Reviewer);
    for (const t of [one, two, one]) await login(t, '198.51.100.2', target.email).expect(401);
    const limited = await login(two, '198.51.100.2', target.email, target.password).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'LOGIN_RATE_LIMITED',
      details: { retryAfterSeconds: Number(limited.headers['retry-after']) },
    });
    // the counter is case-insensitive
    await login(one, '198.51.100.2', target.email.toUpperCase(), target.password).expect(429);
    // no lockout anyone can trigger: the owner signs in from another address at once
    await login(one, '198.51.100.3', target.email, target.password).expect(200);
  });

  it('should delay an address past its limit whatever the email, and let other addresses in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await login(i % 2 ? one : two, '198.51.100.4', `spray-${i}@test.example`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    await login(one, '198.51.100.4', ADMIN.email, ADMIN.password).expect(429);
    await login(two, '198.51.100.5', ADMIN.email, ADMIN.password).expect(200);
  });

  it('should check no more guesses than the limit when many arrive at once on both instances, and count the refused ones', async () => {
    const email = 'stampede@test.example';
    const ip = '198.51.100.20';
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => (await login(i % 2 ? one : two, ip, email)).status),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    expect(
      await one.db.query(`SELECT failures, refused FROM login_failures WHERE key = $1`, [pairKey(email, ip)]),
    ).toEqual([{ failures: 3, refused: 9 }]);
    // refusals write no audit row each
    expect(
      await one.db.query(`SELECT id FROM audit_log WHERE action = 'auth.login_blocked' AND after->>'email' = $1`, [
        email,
      ]),
    ).toEqual([]);
  });

  it('should double the delay with each further failure once the first one has passed', async () => {
    const email = 'doubling@test.example';
    const ip = '198.51.100.21';
    for (let i = 0; i < 3; i++) await login(one, ip, email).expect(401);
    const first = Number((await login(two, ip, email).expect(429)).headers['retry-after']);
    expect(first).toBeGreaterThan(25);
    await one.db.query(`UPDATE login_failures SET next_at = now() - interval '1 s' WHERE key = $1`, [
      pairKey(email, ip),
    ]);
    await login(two, ip, email).expect(401);
    const second = Number((await login(one, ip, email).expect(429)).headers['retry-after']);
    expect(second).toBeGreaterThan(55);
    expect(second).toBeLessThanOrEqual(60);
  });

  it('should count and audit a failure under the address the proxy reports', async () => {
    await login(one, '198.51.100.6', 'proxied@test.example').expect(401);
    const [refused] = await one.db.query(
      `SELECT after FROM audit_log WHERE action = 'auth.login_failed' AND after->>'email' = $1`,
      ['proxied@test.example'],
    );
    expect(refused.after).toMatchObject({ ip: '198.51.100.6' });
    const [counter] = await one.db.query(`SELECT failures FROM login_failures WHERE key = 'ip:198.51.100.6'`);
    expect(counter).toEqual({ failures: 1 });
  });

  it('should audit what a delay refused as one count once it ends, start afresh after the window, and purge ended counters', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 5; i++) await login(one, ip, `late-${i}@test.example`).expect(401);
    await login(two, ip, ADMIN.email, ADMIN.password).expect(429);
    await login(one, ip, ADMIN.email, ADMIN.password).expect(429);
    // as if the window and the delay had run out
    await one.db.query(
      `UPDATE login_failures SET window_ends_at = now() - interval '1 s', next_at = now() - interval '1 s' WHERE key = $1`,
      [`ip:${ip}`],
    );
    await login(two, ip, ADMIN.email, ADMIN.password).expect(200);
    const summaries = await one.db.query(
      `SELECT entity_id, after FROM audit_log WHERE action = 'auth.login_blocked' AND after->>'ip' = $1`,
      [ip],
    );
    expect(summaries).toEqual([
      { entity_id: null, after: { email: null, ip, refused: 2, from: expect.any(String), to: expect.any(String) } },
    ]);
    await login(one, ip, 'late-5@test.example').expect(401);
    expect(await one.db.query(`SELECT failures, refused FROM login_failures WHERE key = $1`, [`ip:${ip}`])).toEqual([
      { failures: 1, refused: 0 },
    ]);
    await one.db.query(`UPDATE login_failures SET window_ends_at = now() - interval '1 s' WHERE key = $1`, [
      `ip:${ip}`,
    ]);
    await one.app.get(LoginAttemptsService).purgeExpired();
    expect(await one.db.query(`SELECT key FROM login_failures WHERE key = $1`, [`ip:${ip}`])).toEqual([]);
  });
});

describe('parallel brute force (e2e)', () => {
  const LIMIT = 5;
  // Longer than the burst of guesses takes even on a loaded 2-core machine: a delay that ends mid-burst legitimately
  // lets one more guess be checked (seen at 4 s under load average ~20: 6 checks for a limit of 5).
  const DELAY_SECONDS = 15;
  let one: TestApp;
  let two: TestApp;
  let checks: jest.SpyInstance[];
  const checked = () => checks.reduce((n, spy) => n + spy.mock.calls.length, 0);
  const from = (ip: string) => ({ 'x-forwarded-for': `${ip}, 127.0.0.1` });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    Object.assign(process.env, {
      LOGIN_LIMIT_PER_EMAIL: String(LIMIT),
      LOGIN_LIMIT_PER_IP: '100000',
      LOGIN_DELAY_SECONDS: String(DELAY_SECONDS),
      TRUST_PROXY: 'loopback',
    });
    [one, two] = await Promise.all([TestApp.start(), TestApp.start()]);
  });
  beforeEach(() => {
    checks = [one, two].map((t) => jest.spyOn(t.app.get(PasswordHasher), 'verify'));
  });
  afterEach(() => checks.forEach((spy) => spy.mockRestore()));
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
    for (const name of ['LOGIN_LIMIT_PER_EMAIL', 'LOGIN_LIMIT_PER_IP', 'LOGIN_DELAY_SECONDS', 'TRUST_PROXY'])
      delete process.env[name];
  });

  it('should check at most the limit of 200 concurrent guesses, refuse the right password while delayed, and let the admin in after the delay', async () => {
    const admin = await one.createUser(Role.Admin);
    const attacker = '203.0.113.50';
    checks.forEach((spy) => spy.mockClear());
    const guesses = await Promise.all(
      Array.from(
        { length: 200 },
        async (_, i) =>
          (
            await (i % 2 ? one : two).http
              .post('/auth/login')
              .set(from(attacker))
              .send({ email: admin.email, password: `guess-${i}-xyz` })
          ).status,
      ),
    );
    const wrong = guesses.filter((s) => s === 401).length;
    expect(guesses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(wrong).toBeLessThanOrEqual(LIMIT);
    expect(checked()).toBe(wrong);
    // the right password from the attacking address waits like any guess: refused unchecked
    const limited = await one.http
      .post('/auth/login')
      .set(from(attacker))
      .send({ email: admin.email, password: admin.password })
      .expect(429);
    expect(checked()).toBe(wrong);
    // the admin elsewhere is not slowed at all
    await two.http
      .post('/auth/login')
      .set(from('203.0.113.51'))
      .send({ email: admin.email, password: admin.password })
      .expect(200);
    // and behind the attacking address gets in once the delay has passed
    await sleep(Number(limited.headers['retry-after']) * 1000 + 100);
    await two.http
      .post('/auth/login')
      .set(from(attacker))
      .send({ email: admin.email, password: admin.password })
      .expect(200);
    // every refusal is in the audit log, as one count
    const summaries = await one.db.query(
      `SELECT entity_id, after FROM audit_log WHERE action = 'auth.login_blocked' AND after->>'email' = $1`,
      [admin.email],
    );
    expect(summaries).toEqual([
      { entity_id: admin.id, after: expect.objectContaining({ ip: attacker, refused: 200 - wrong + 1 }) },
    ]);
  });

  it('should not refuse right passwords arriving at once, more of them than the limit (they wait for the checks ahead)', async () => {
    const user = await one.createUser(Role.Reviewer);
    const statuses = await Promise.all(
      Array.from(
        { length: 4 * LIMIT },
        async (_, i) =>
          (
            await (i % 2 ? one : two).http
              .post('/auth/login')
              .set(from('203.0.113.55'))
              .send({ email: user.email, password: user.password })
          ).status,
      ),
    );
    expect(statuses).toEqual(Array(4 * LIMIT).fill(200));
  });

  it('should limit guesses of the current password on POST /auth/password the same way', async () => {
    const user = await one.createUser(Role.Reviewer);
    const ip = '203.0.113.60';
    const change = (t: TestApp, currentPassword: string) =>
      t.http
        .post('/auth/password')
        .set(bearer(user.token))
        .set(from(ip))
        .send({ currentPassword, password: 'a-brand-new-password' });
    checks.forEach((spy) => spy.mockClear());
    const guesses = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => (await change(i % 2 ? one : two, `guess-${i}-xyz`)).status),
    );
    const wrong = guesses.filter((s) => s === 403).length;
    expect(guesses.filter((s) => s !== 403 && s !== 429)).toEqual([]);
    expect(wrong).toBeLessThanOrEqual(LIMIT);
    expect(checked()).toBe(wrong);
    const limited = await change(one, user.password).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // the same budget as logins: the account cannot sign in from there either
    await one.http.post('/auth/login').set(from(ip)).send({ email: user.email, password: user.password }).expect(429);
    await sleep(Number(limited.headers['retry-after']) * 1000 + 100);
    await change(two, user.password).expect(200);
  });
});

describe('client address without a trusted proxy (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('should ignore X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    await t.http
      .post('/auth/login')
      .set('x-forwarded-for', '203.0.113.9')
      .send({ email: 'spoofer@test.example', password: 'guess-123' })
      .expect(401);
    const [refused] = await t.db.query(
      `SELECT after FROM audit_log WHERE action = 'auth.login_failed' AND after->>'email' = $1`,
      ['spoofer@test.example'],
    );
    expect(refused.after.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});

describe('token revocation across instances (e2e)', () => {
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    [one, two] = await Promise.all([TestApp.start(), TestApp.start()]);
  });
  afterAll(() => Promise.all([one.close(), two.close()]));

  /** /auth/me on instance two with this token, asked again (up to half a second) while it still answers 200. */
  async function statusOnTwoOnceRefused(token: string): Promise<number> {
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      status = (await two.http.get('/auth/me').set(bearer(token))).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 10));
    }
    return status;
  }

  it('should refuse a token on the other instance as soon as the change is committed', async () => {
    const user = await one.createUser(Role.Reviewer);
    // instance two has the user cached from this request
    await two.http.get('/auth/me').set(bearer(user.token)).expect(200);
    await one.http
      .patch(`/users/${user.id}`)
      .set(bearer(await one.adminToken()))
      .send({ active: false })
      .expect(200);
    expect(await statusOnTwoOnceRefused(user.token)).toBe(401);
  });

  it('should refuse it at once when the change is made straight in the database', async () => {
    const user = await one.createUser(Role.Reviewer);
    await two.http.get('/auth/me').set(bearer(user.token)).expect(200);
    await one.db.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [user.id]);
    expect(await statusOnTwoOnceRefused(user.token)).toBe(401);
  });

  it('should bypass caches while the LISTEN connection is down and come back on one connection', async () => {
    const listener = two.app.get(InvalidationListener);
    const user = await one.createUser(Role.Reviewer);
    await two.http.get('/auth/me').set(bearer(user.token)).expect(200);
    const listeners = () =>
      one.db.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'factcheck-invalidation' AND datname = current_database()`,
      );
    const before = (await listeners()).length;
    // both instances' listeners go; both must recover
    await one.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'factcheck-invalidation' AND datname = current_database()`,
    );
    for (let i = 0; i < 100 && listener.listening; i++) await new Promise((r) => setTimeout(r, 10));
    expect(listener.listening).toBe(false);
    // while it is down, a change made straight in the database is seen at once (no cache)
    await one.db.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [user.id]);
    await two.http.get('/auth/me').set(bearer(user.token)).expect(401);
    for (let i = 0; i < 300 && !listener.listening; i++) await new Promise((r) => setTimeout(r, 10));
    expect(listener.listening).toBe(true);
    // let any stray retry fire: there must still be exactly one listener per instance
    await new Promise((r) => setTimeout(r, 1500));
    expect((await listeners()).length).toBe(before);
  });
});
