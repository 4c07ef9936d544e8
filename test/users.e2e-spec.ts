import { Role } from '../src/users/role';
import { createTestDatabase, TestDatabase } from './setup/test-database';
import { bearer, TestApp, uniqueSuffix } from './support/test-app';

describe('users (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => t.http.post('/users').set(bearer(admin)).send(body);

  it('should create a user, store the email lower-cased and never return the hash', async () => {
    const email = `Mixed.Case-${uniqueSuffix()}@Test.Example`;
    const res = await create({ email, displayName: 'Mixed Case', role: 'editor', password: 'a-long-password' }).expect(
      201,
    );
    expect(res.body).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      displayName: 'Mixed Case',
      role: 'editor',
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lastLoginAt: null,
    });
    const [row] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('should reject an email that differs only in case with 409', async () => {
    const email = `dup-${uniqueSuffix()}@test.example`;
    await create({ email, displayName: 'One', role: 'reviewer', password: 'a-long-password' }).expect(201);
    const res = await create({
      email: email.toUpperCase(),
      displayName: 'Two',
      role: 'reviewer',
      password: 'a-long-password',
    }).expect(409);
    expect(res.body.code).toBe('USER_EMAIL_TAKEN');
  });

  it('should page and filter by role, active and email', async () => {
    const tag = uniqueSuffix();
    for (const role of [Role.Reviewer, Role.Reviewer, Role.Editor]) {
      await create({
        email: `${tag}-${role}-${Math.random().toString(36).slice(2)}@test.example`,
        displayName: tag,
        role,
        password: 'a-long-password',
      }).expect(201);
    }
    const reviewers = await t.http.get('/users').query({ email: tag, role: 'reviewer' }).set(bearer(admin)).expect(200);
    expect(reviewers.body.total).toBe(2);
    expect(reviewers.body.items.every((u: { role: string }) => u.role === 'reviewer')).toBe(true);
    const page = await t.http.get('/users').query({ email: tag, limit: 1, offset: 1 }).set(bearer(admin)).expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
    const inactive = await t.http.get('/users').query({ email: tag, active: 'false' }).set(bearer(admin)).expect(200);
    expect(inactive.body.total).toBe(0);
    await t.http.get('/users').query({ limit: 0 }).set(bearer(admin)).expect(400);
    await t.http.get('/users').query({ role: 'superuser' }).set(bearer(admin)).expect(400);
  });

  it('should search the email and the display name, in any case', async () => {
    const tag = uniqueSuffix();
    await create({
      email: `a-${tag}@test.example`,
      displayName: 'Someone Else',
      role: 'reviewer',
      password: 'a-long-password',
    }).expect(201);
    await create({
      email: `b-${Date.now()}@test.example`,
      displayName: `Named ${tag.toUpperCase()}`,
      role: 'editor',
      password: 'a-long-password',
    }).expect(201);
    const found = (await t.http.get('/users').query({ search: tag.toLowerCase() }).set(bearer(admin)).expect(200)).body;
    expect(found.items.map((u: { displayName: string }) => u.displayName).sort()).toEqual([
      `Named ${tag.toUpperCase()}`,
      'Someone Else',
    ]);
    const editors = (await t.http.get('/users').query({ search: tag, role: 'editor' }).set(bearer(admin)).expect(200))
      .body;
    expect(editors.total).toBe(1);
  });

  it('should generate a password when none is given, return it once and let its owner sign in with it', async () => {
    const email = `generated-${uniqueSuffix()}@test.example`;
    const created = (await create({ email, displayName: 'Generated', role: 'reviewer' }).expect(201)).body;
    expect(created.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    await t.login(email, created.generatedPassword);
    expect((await t.http.get(`/users/${created.id}`).set(bearer(admin)).expect(200)).body).not.toHaveProperty(
      'generatedPassword',
    );
    const [entry] = await t.db.query(`SELECT after FROM audit_log WHERE action = 'user.create' AND entity_id = $1`, [
      created.id,
    ]);
    expect(entry.after).toMatchObject({ passwordGenerated: true });
    expect(JSON.stringify(entry.after)).not.toContain(created.generatedPassword);
  });

  it("should reset a password to the admin's choice (204) or a generated one (200), ending the old token each time", async () => {
    const user = await t.createUser(Role.Reviewer);
    await t.http
      .post(`/users/${user.id}/password`)
      .set(bearer(admin))
      .send({ password: 'chosen-by-admin-1' })
      .expect(204);
    await t.http.get('/auth/me').set(bearer(user.token)).expect(401);
    const token = await t.login(user.email, 'chosen-by-admin-1');
    const res = await t.http.post(`/users/${user.id}/password`).set(bearer(admin)).send({}).expect(200);
    expect(res.body).toEqual({ generatedPassword: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/) });
    await t.http.get('/auth/me').set(bearer(token)).expect(401);
    await t.login(user.email, res.body.generatedPassword);
    await t.http.post(`/users/${user.id}/password`).set(bearer(admin)).send({ password: 'short' }).expect(400);
  });

  it('should 404 an unknown user and 400 a malformed id', async () => {
    const res = await t.http.get('/users/3f2b8a4e-0000-4000-8000-000000000000').set(bearer(admin)).expect(404);
    expect(res.body.code).toBe('USER_NOT_FOUND');
    await t.http.get('/users/not-a-uuid').set(bearer(admin)).expect(400);
  });
});

// Admin demotion touches state every suite relies on (the bootstrap admin), so it runs on a database of its own.
describe('last active admin (e2e, own database)', () => {
  let t: TestApp;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: database.url, MIGRATIONS_DATABASE_URL: database.ownerUrl });
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('should never demote or deactivate the last active admin, even under concurrent requests', async () => {
    const admin = await t.adminToken();
    const [{ id: firstAdmin }] = await t.db.query(`SELECT id FROM users WHERE email = 'admin@test.example'`);
    const second = await t.createUser(Role.Admin);
    // Each admin demotes the other at the same moment: exactly one may win.
    const [a, b] = await Promise.all([
      t.http.patch(`/users/${firstAdmin}`).set(bearer(second.token)).send({ role: 'editor' }),
      t.http.patch(`/users/${second.id}`).set(bearer(admin)).send({ active: false }),
    ]);
    // The loser gets 409 — or 401 when the winner already revoked its token before its request was authenticated.
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND active`);
    expect(count).toBeGreaterThanOrEqual(1);
  });

  it('should refuse to demote or deactivate the only active admin', async () => {
    await t.db.query(`UPDATE users SET role = 'admin', active = true WHERE email = 'admin@test.example'`);
    await t.db.query(`UPDATE users SET active = false WHERE role = 'admin' AND email <> 'admin@test.example'`);
    const [{ id: firstAdmin }] = await t.db.query(`SELECT id FROM users WHERE email = 'admin@test.example'`);
    const admin = await t.adminToken();
    const res = await t.http.patch(`/users/${firstAdmin}`).set(bearer(admin)).send({ role: 'reviewer' }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'LAST_ACTIVE_ADMIN' });
    await t.http.patch(`/users/${firstAdmin}`).set(bearer(admin)).send({ active: false }).expect(409);
  });
});
