import { bearer, TestApp, uniqueSuffix } from './support/test-app';

describe('bad input at the edges (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const userCount = async () => Number((await t.db.query('SELECT count(*) AS n FROM users'))[0].n);

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const expectErrorBody = (body: Record<string, unknown>, statusCode: number) =>
    expect(body).toEqual(
      expect.objectContaining({
        statusCode,
        error: expect.any(String),
        message: expect.any(String),
        requestId: expect.any(String),
      }),
    );

  it.each([
    ['malformed JSON', '{"email": "x@test.example", ', 'application/json', 400],
    [
      'an unknown property',
      JSON.stringify({
        email: 'u@test.example',
        displayName: 'U',
        role: 'reviewer',
        password: 'a-long-password',
        isRoot: true,
      }),
      'application/json',
      400,
    ],
    [
      'a wrong type',
      JSON.stringify({ email: 'w@test.example', displayName: 42, role: 'reviewer', password: 'a-long-password' }),
      'application/json',
      400,
    ],
    [
      'an unknown role',
      JSON.stringify({ email: 'r@test.example', displayName: 'R', role: 'root', password: 'a-long-password' }),
      'application/json',
      400,
    ],
    ['a JSON array body', '[]', 'application/json', 400],
    ['an unsupported content type', 'email=x', 'text/csv', 415],
    [
      'a 2 MB body',
      JSON.stringify({
        email: 'big@test.example',
        displayName: 'x'.repeat(2 * 1024 * 1024),
        role: 'reviewer',
        password: 'a-long-password',
      }),
      'application/json',
      413,
    ],
  ])('should answer %s with a clear 4xx and write nothing', async (_name, payload, contentType, status) => {
    const before = await userCount();
    const res = await t.http.post('/users').set(bearer(admin)).set('content-type', contentType).send(payload);
    expect(res.status).toBe(status);
    expectErrorBody(res.body, status);
    expect(await userCount()).toBe(before);
  });

  it('should list every bad field under details on a 400', async () => {
    const res = await t.http
      .post('/users')
      .set(bearer(admin))
      .send({ email: 'nope', role: 'x', password: 'short' })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'displayName',
      'email',
      'password',
      'role',
    ]);
  });

  it('should reject an invalid UUID in a path with 400, not 500', async () => {
    const res = await t.http.patch("/users/1' OR '1'='1").set(bearer(admin)).send({ displayName: 'x' }).expect(400);
    expectErrorBody(res.body, 400);
  });

  it('should store quotes, SQL-looking strings and Unicode verbatim', async () => {
    const tricky = `O'Brien "Bobby" Tables'); DROP TABLE users;-- 👩🏽‍💻 Zelenska “ÿ” \\ end`;
    const email = `o'brien+${uniqueSuffix()}@test.example`;
    const created = await t.http
      .post('/users')
      .set(bearer(admin))
      .send({ email, displayName: tricky, role: 'reviewer', password: `p'ss"word; --` })
      .expect(201);
    expect(created.body.displayName).toBe(tricky);
    const fetched = await t.http.get(`/users/${created.body.id}`).set(bearer(admin)).expect(200);
    expect(fetched.body.displayName).toBe(tricky);
    await t.login(email, `p'ss"word; --`);
    const found = await t.http.get('/users').query({ email: "o'brien" }).set(bearer(admin)).expect(200);
    expect(found.body.items.map((u: { email: string }) => u.email)).toContain(email.toLowerCase());
  });

  it('should echo a caller request id and give every response one', async () => {
    const res = await t.http.get('/nope').set('x-request-id', 'trace-abc-123').expect(404);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.body.requestId).toBe('trace-abc-123');
    const other = await t.http.get('/health').set('x-request-id', 'bad id with spaces').expect(200);
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should report health with a database ping and send security headers', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    // a content security policy where a browser renders our pages (Swagger UI), not on JSON answers
    expect(res.headers['content-security-policy']).toBeUndefined();
    const docs = await t.http.get('/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain(`script-src 'self' 'unsafe-inline'`);
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
  });

  it('should serve the OpenAPI document with every DTO documented', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.components.schemas)).toEqual(
      expect.arrayContaining(['CreateUserDto', 'UserDto', 'LoginDto', 'TokenDto', 'ErrorBody']),
    );
  });
});
