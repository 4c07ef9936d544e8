import { Client } from 'pg';
import { Role } from '../src/users/role';
import { createQueue, pull, reviewers, seedQueuedClaims, submit } from './support/review';
import { bearer, TestApp } from './support/test-app';

describe('audit trail (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const audit = (query: Record<string, string | number>) => t.http.get('/audit').query(query).set(bearer(admin));

  // The service's own role may not even try (test/least-privilege.e2e-spec.ts); the trigger stops the owner too.
  it('should be append-only in the database itself, even for the schema owner', async () => {
    const owner = new Client({ connectionString: process.env.MIGRATIONS_DATABASE_URL });
    await owner.connect();
    try {
      await expect(
        owner.query(`UPDATE audit_log SET action = 'forged' WHERE id = (SELECT max(id) FROM audit_log)`),
      ).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });

  it('should record user management and logins, successful, failed and blocked', async () => {
    const user = await t.createUser(Role.Reviewer);
    await t.http.patch(`/users/${user.id}`).set(bearer(admin)).send({ role: 'editor' }).expect(200);
    await t.http
      .post(`/users/${user.id}/password`)
      .set(bearer(admin))
      .send({ password: 'another-password-9' })
      .expect(204);
    await t.http.post('/auth/login').send({ email: user.email, password: 'wrong-password' }).expect(401);
    const story = (await audit({ entity: 'user', entityId: user.id }).expect(200)).body;
    expect(story.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'user.create',
      'auth.login',
      'user.update',
      'user.password_reset',
      'auth.login_failed',
    ]);
    const update = story.items.find((e: { action: string }) => e.action === 'user.update');
    expect(update).toMatchObject({
      before: { role: 'reviewer' },
      after: { role: 'editor' },
      actorId: expect.any(String),
    });
    expect(JSON.stringify(story)).not.toMatch(/argon2|password_hash|passwordHash/);
  });

  it('should show the whole story of one claim and filter by actor, action prefix and time', async () => {
    const slug = await createQueue(t, admin, { verdictsRequired: 1 });
    const editor = await t.createUser(Role.Editor);
    const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
    const [r] = await reviewers(t, 1);
    const lease = (await pull(t, r.token, slug).expect(200)).body;
    await submit(t, r.token, lease.id).expect(201);
    await t.http
      .post(`/claims/${claim}/reopen`)
      .set(bearer(editor.token))
      .send({ reason: 'Recheck', queue: slug })
      .expect(200);
    const story = (await audit({ entity: 'claim', entityId: claim }).expect(200)).body.items
      .map((e: { action: string }) => e.action)
      .reverse();
    expect(story).toEqual(['claim.start_review', 'verdict.submit', 'claim.consensus', 'claim.reopen']);
    const mine = (await audit({ actor: r.id, action: 'claim.' }).expect(200)).body;
    expect(mine.items.map((e: { action: string }) => e.action)).toEqual(['claim.consensus', 'claim.start_review']);
    const future = (await audit({ actor: r.id, from: new Date(Date.now() + 60_000).toISOString() }).expect(200)).body;
    expect(future).toMatchObject({ total: 0, items: [] });
    const paged = (await audit({ entity: 'claim', entityId: claim, limit: 2, offset: 1 }).expect(200)).body;
    expect(paged).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(paged.items.map((e: { action: string }) => e.action)).toEqual(['claim.consensus', 'verdict.submit']);
  });

  it("should tell a user's whole timeline oldest first, with who acted in words, paged", async () => {
    const user = await t.createUser(Role.Reviewer, { displayName: 'Timeline Person' });
    const slug = await createQueue(t, admin, { verdictsRequired: 1 });
    await seedQueuedClaims(t, slug, 1, (await t.createUser(Role.Editor)).id);
    await pull(t, user.token, slug).expect(200);
    await t.http.patch(`/users/${user.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    const timeline = (await audit({ involving: user.id, order: 'asc' }).expect(200)).body;
    expect(timeline.items.map((e: { action: string }) => e.action)).toEqual([
      'user.create',
      'auth.login',
      'claim.start_review',
      'user.update',
    ]);
    const [adminRow] = await t.db.query(`SELECT id, display_name, email FROM users WHERE email = 'admin@test.example'`);
    expect(timeline.items[0]).toMatchObject({
      actorId: adminRow.id,
      actorName: adminRow.display_name,
      actorEmail: adminRow.email,
    });
    expect(timeline.items[1]).toMatchObject({ actorId: user.id, actorName: 'Timeline Person', actorEmail: user.email });
    // the account acted on, by name; a subject that is not an account has none
    expect(timeline.items[0].subjectName).toBe('Timeline Person');
    expect(timeline.items[2]).toMatchObject({ entity: 'claim', subjectName: null });
    expect(timeline.items[3]).toMatchObject({
      entity: 'user',
      subjectName: 'Timeline Person',
      entityId: user.id,
      before: { active: true },
      after: { active: false },
    });
    const second = (await audit({ involving: user.id, order: 'asc', limit: 2, offset: 2 }).expect(200)).body;
    expect(second).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(second.items.map((e: { action: string }) => e.action)).toEqual(['claim.start_review', 'user.update']);
    const newestFirst = (await audit({ involving: user.id, limit: 1 }).expect(200)).body.items;
    expect(newestFirst.map((e: { action: string }) => e.action)).toEqual(['user.update']);
    await audit({ involving: 'nobody' }).expect(400);
    await audit({ order: 'sideways' }).expect(400);
  });

  it('should record ingestion, manual claims, claim edits and deletion', async () => {
    const editor = await t.createUser(Role.Editor);
    const body = `The council said ${Date.now()} bridges were repaired in March. Officials said 12 ferries ran late on Monday.`;
    const article = (
      await t.http.post('/articles').set(bearer(editor.token)).send({ title: 'Audit me', body }).expect(201)
    ).body;
    const manual = (
      await t.http
        .post(`/articles/${article.id}/claims`)
        .set(bearer(editor.token))
        .send({ text: '12 ferries ran late' })
        .expect(201)
    ).body;
    await t.http.patch(`/claims/${manual.id}`).set(bearer(editor.token)).send({ speaker: 'Officials' }).expect(200);
    await t.http.delete(`/articles/${article.id}`).set(bearer(admin)).expect(204);
    const articleStory = (await audit({ entity: 'article', entityId: article.id }).expect(200)).body.items;
    expect(articleStory.map((e: { action: string }) => e.action).reverse()).toEqual([
      'article.create',
      'article.delete',
    ]);
    expect(articleStory[1]).toMatchObject({ after: { title: 'Audit me', claims: article.claims.length } });
    const claimStory = (await audit({ entity: 'claim', entityId: manual.id }).expect(200)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(claimStory).toEqual(expect.arrayContaining(['claim.create', 'claim.update']));
  });

  it('should be for admins only and reject bad filters', async () => {
    const [r] = await reviewers(t, 1);
    await t.http.get('/audit').set(bearer(r.token)).expect(403);
    await audit({ actor: 'not-a-uuid' }).expect(400);
    await audit({ from: 'yesterday' }).expect(400);
    await audit({ action: 'DROP TABLE' }).expect(400);
    await audit({ from: '2026-02-01', to: '2026-01-01' }).expect(400);
  });

  it('should filter by time inclusively at the millisecond it shows (stored microseconds notwithstanding)', async () => {
    const entityId = `boundary-${Date.now()}`;
    await t.db.query(
      `INSERT INTO audit_log (at, action, entity, entity_id) VALUES ('2024-05-06T07:08:09.123456Z', 'test.boundary', 'test', $1)`,
      [entityId],
    );
    const [shown] = (await audit({ entity: 'test', entityId }).expect(200)).body.items.map((e: { at: string }) => e.at);
    expect(shown).toBe('2024-05-06T07:08:09.123Z');
    const count = async (range: Record<string, string>) =>
      (await audit({ entity: 'test', entityId, ...range }).expect(200)).body.total;
    expect(await count({ to: shown })).toBe(1);
    expect(await count({ from: shown, to: shown })).toBe(1);
    expect(await count({ to: '2024-05-06T07:08:09.122Z' })).toBe(0);
    expect(await count({ from: '2024-05-06T07:08:09.124Z' })).toBe(0);
  });
});
