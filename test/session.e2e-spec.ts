import { Role } from '../src/users/role';
import { bearer, TestApp, TestUser } from './support/test-app';

/** The session cookie `name=value` from a response's Set-Cookie, and its attributes. */
function sessionCookie(setCookie: string[] | string | undefined): { pair: string; attributes: string[] } {
  const line = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('fc_session='));
  if (!line) throw new Error(`no fc_session cookie in ${JSON.stringify(setCookie)}`);
  const [pair, ...attributes] = line.split(';').map((p) => p.trim());
  return { pair, attributes };
}

describe('browser session (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const sameSite = () => ({ origin: t.url });

  const signIn = async (user: TestUser): Promise<string> => {
    const res = await t.http
      .post('/auth/session')
      .set(sameSite())
      .send({ email: user.email, password: user.password })
      .expect(200);
    return sessionCookie(res.headers['set-cookie']).pair;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('should set an httpOnly, SameSite=Strict cookie and return the user but no token', async () => {
    const user = await t.createUser(Role.Reviewer);
    const res = await t.http
      .post('/auth/session')
      .set(sameSite())
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(res.body).toEqual({
      expiresAt: expect.any(String),
      user: expect.objectContaining({ id: user.id, role: 'reviewer' }),
    });
    expect(JSON.stringify(res.body)).not.toContain(sessionCookie(res.headers['set-cookie']).pair.split('=')[1]);
    const { attributes } = sessionCookie(res.headers['set-cookie']);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=43200']));
    // served over plain http here: a Secure cookie would never come back
    expect(attributes).not.toContain('Secure');
  });

  it('should authenticate requests by the cookie and keep roles', async () => {
    const reviewer = await t.createUser(Role.Reviewer);
    const cookie = await signIn(reviewer);
    expect((await t.http.get('/auth/me').set('cookie', cookie).expect(200)).body).toMatchObject({
      id: reviewer.id,
      role: 'reviewer',
    });
    await t.http.get('/users').set('cookie', cookie).expect(403);
    await t.http.get('/auth/me').set('cookie', 'fc_session=made-up').expect(401);
  });

  it('should refuse a wrong password with 401 and count it against the login limits like /auth/login', async () => {
    const user = await t.createUser(Role.Reviewer);
    await t.http
      .post('/auth/session')
      .set(sameSite())
      .send({ email: user.email, password: 'wrong-password' })
      .expect(401);
    const rows = await t.db.query(`SELECT action FROM audit_log WHERE after->>'email' = $1 AND action LIKE 'auth.%'`, [
      user.email,
    ]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['auth.login_failed']);
    const res = await t.http
      .post('/auth/session')
      .set(sameSite())
      .send({ email: 'not-an-email', password: 'x' })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['email']);
  });

  it('should answer 429 with Retry-After once the email is blocked, even with the right password', async () => {
    const user = await t.createUser(Role.Reviewer);
    for (let i = 0; i < 5; i++)
      await t.http
        .post('/auth/session')
        .set(sameSite())
        .send({ email: user.email, password: 'wrong-password' })
        .expect(401);
    const res = await t.http
      .post('/auth/session')
      .set(sameSite())
      .send({ email: user.email, password: user.password })
      .expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.code).toBe('LOGIN_RATE_LIMITED');
  });

  describe('CSRF', () => {
    let editor: TestUser;
    let cookie: string;
    beforeAll(async () => {
      editor = await t.createUser(Role.Editor);
      cookie = await signIn(editor);
    });
    const article = () => ({ title: 'CSRF', body: `The council said 12 roads closed on Monday ${Math.random()}.` });

    it('should refuse a cookie-authenticated change from another origin, or with no origin at all', async () => {
      for (const headers of [
        { origin: 'https://evil.example' },
        { referer: 'https://evil.example/page' },
        { origin: 'null' },
        {},
      ]) {
        const res = await t.http.post('/articles').set('cookie', cookie).set(headers).send(article());
        expect({ headers, status: res.status, code: res.body.code }).toEqual({
          headers,
          status: 403,
          code: 'CSRF_ORIGIN_MISMATCH',
        });
      }
      expect(Number((await t.db.query(`SELECT count(*) FROM articles WHERE title = 'CSRF'`))[0].count)).toBe(0);
    });

    it('should accept it from this site (Origin, or Referer when Origin is missing) and leave reads alone', async () => {
      await t.http.post('/articles').set('cookie', cookie).set(sameSite()).send(article()).expect(201);
      await t.http
        .post('/articles')
        .set('cookie', cookie)
        .set('referer', `${t.url}/app/articles`)
        .send(article())
        .expect(201);
      await t.http.get('/articles').set('cookie', cookie).expect(200);
    });

    it('should not check bearer requests, even with a cookie beside the token', async () => {
      await t.http
        .post('/articles')
        .set(bearer(editor.token))
        .set({ origin: 'https://evil.example' })
        .send(article())
        .expect(201);
    });

    it('should refuse sign-in and sign-out from another origin', async () => {
      await t.http
        .post('/auth/session')
        .set({ origin: 'https://evil.example' })
        .send({ email: editor.email, password: editor.password })
        .expect(403);
      await t.http.delete('/auth/session').set('cookie', cookie).set({ origin: 'https://evil.example' }).expect(403);
      await t.http.get('/auth/me').set('cookie', cookie).expect(200);
    });
  });

  it('should end only this session on sign-out, clear the cookie, and audit it', async () => {
    const user = await t.createUser(Role.Reviewer);
    const [first, second] = [await signIn(user), await signIn(user)];
    const res = await t.http.delete('/auth/session').set('cookie', first).set(sameSite()).expect(204);
    expect(sessionCookie(res.headers['set-cookie']).pair).toBe('fc_session=');
    await t.http.get('/auth/me').set('cookie', first).expect(401);
    await t.http.get('/auth/me').set('cookie', second).expect(200);
    await t.http.get('/auth/me').set(bearer(user.token)).expect(200);
    // signing out again (or without a session) is harmless
    await t.http.delete('/auth/session').set('cookie', first).set(sameSite()).expect(204);
    await t.http.delete('/auth/session').set(sameSite()).expect(204);
    const rows = await t.db.query(
      `SELECT action FROM audit_log WHERE actor_id = $1 AND action LIKE 'auth.log%' ORDER BY id`,
      [user.id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual([
      'auth.login',
      'auth.login',
      'auth.login',
      'auth.logout',
    ]);
  });

  it('should end sessions at once on deactivation, role change and password reset', async () => {
    const deactivated = await t.createUser(Role.Reviewer);
    const promoted = await t.createUser(Role.Reviewer);
    const reset = await t.createUser(Role.Reviewer);
    const cookies = {
      deactivated: await signIn(deactivated),
      promoted: await signIn(promoted),
      reset: await signIn(reset),
    };
    await t.http.patch(`/users/${deactivated.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    await t.http.patch(`/users/${promoted.id}`).set(bearer(admin)).send({ role: 'editor' }).expect(200);
    await t.http
      .post(`/users/${reset.id}/password`)
      .set(bearer(admin))
      .send({ password: 'brand-new-password' })
      .expect(204);
    for (const [who, cookie] of Object.entries(cookies)) {
      const res = await t.http.get('/queues').set('cookie', cookie);
      expect({ who, status: res.status }).toEqual({ who, status: 401 });
    }
    // a new sign-in of the promoted user works, with the new role
    expect(
      (
        await t.http
          .get('/auth/me')
          .set('cookie', await signIn(promoted))
          .expect(200)
      ).body.role,
    ).toBe('editor');
  });
});

describe('browser session behind an https proxy (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.TRUST_PROXY = 'loopback';
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.TRUST_PROXY;
  });

  it('should mark the cookie Secure when the request came over https', async () => {
    const user = await t.createUser(Role.Reviewer);
    const res = await t.http
      .post('/auth/session')
      .set({ 'x-forwarded-proto': 'https', origin: t.url.replace('http:', 'https:') })
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(sessionCookie(res.headers['set-cookie']).attributes).toContain('Secure');
  });
});
