import { Role } from '../src/users/role';
import { createQueue, DISPUTED, pull, reviewers, seedQueuedClaims, submit, VERIFIED } from './support/review';
import { bearer, TestApp, TestUser } from './support/test-app';

/** What the browser workbench reads beside the review workflow itself. */
describe('workbench API (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let editor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    editor = await t.createUser(Role.Editor);
  });
  afterAll(() => t.close());

  describe('queue guidelines', () => {
    it('should be set by admins and editors (audited), refused to reviewers, and shown on the queue list and with each pull', async () => {
      const slug = await createQueue(t, admin, { guidelines: '# Rules\n\nCheck **official** sources.' });
      const [claimId] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [reviewer] = await reviewers(t, 1);
      const text = '# Rules\n\n1. Two sources.\n2. Quote the passage.';
      const res = await t.http.put(`/queues/${slug}/guidelines`).set(bearer(editor.token)).send({ guidelines: text }).expect(200);
      expect(res.body).toMatchObject({ slug, guidelines: text });
      await t.http.put(`/queues/${slug}/guidelines`).set(bearer(reviewer.token)).send({ guidelines: 'mine now' }).expect(403);
      await t.http.put(`/queues/${slug}/guidelines`).set(bearer(editor.token)).send({ guidelines: 'x'.repeat(20001) }).expect(400);
      await t.http.put(`/queues/no-such-queue/guidelines`).set(bearer(editor.token)).send({ guidelines: 'x' }).expect(404);

      const listed = (await t.http.get('/queues').set(bearer(reviewer.token)).expect(200)).body.find((q: { slug: string }) => q.slug === slug);
      expect(listed.guidelines).toBe(text);
      const lease = (await pull(t, reviewer.token, slug).expect(200)).body;
      expect(lease.guidelines).toBe(text);
      expect(lease.claim.id).toBe(claimId);
      // the whole article, so the screen can show it with the claim marked at its exact span
      expect(lease.article.body.slice(lease.claim.start, lease.claim.end)).toBe(lease.claim.text);
      expect(lease.article.body.length).toBeGreaterThan(lease.article.paragraph.text.length - 1);

      const [audit] = await t.db.query(`SELECT actor_id, before->>'guidelines' AS before, after->>'guidelines' AS after FROM audit_log
        WHERE action = 'queue.update' AND after->>'slug' = $1`, [slug]);
      expect(audit).toEqual({ actor_id: editor.id, before: '# Rules\n\nCheck **official** sources.', after: text });
    });
  });

  describe('my verdicts and today\'s counts', () => {
    let slug: string;
    let me: TestUser;
    let other: TestUser;
    let claims: string[];

    beforeAll(async () => {
      slug = await createQueue(t, admin, { verdictsRequired: 2 });
      claims = await seedQueuedClaims(t, slug, 3, editor.id);
      [me, other] = await reviewers(t, 2);
      // claim 0: both verified (final); claim 1: we disagree (adjudication); claim 2: only mine so far
      for (const verdicts of [[VERIFIED, VERIFIED], [VERIFIED, DISPUTED]]) {
        const mine = (await pull(t, me.token, slug).expect(200)).body;
        const theirs = (await pull(t, other.token, slug).expect(200)).body;
        expect(theirs.claim.id).toBe(mine.claim.id);
        await submit(t, me.token, mine.id, verdicts[0]).expect(201);
        await submit(t, other.token, theirs.id, verdicts[1]).expect(201);
      }
      const third = (await pull(t, me.token, slug).expect(200)).body;
      expect(third.claim.id).toBe(claims[2]);
      await submit(t, me.token, third.id, DISPUTED).expect(201);
    });

    it('should list only the caller\'s own verdicts, newest first, with claim text and label, paged', async () => {
      const page = (await t.http.get('/me/verdicts').set(bearer(me.token)).expect(200)).body;
      expect(page).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(page.items.map((v: { claimId: string }) => v.claimId)).toEqual([claims[2], claims[1], claims[0]]);
      expect(page.items[0]).toMatchObject({
        reviewerId: me.id, label: 'disputed', rationale: DISPUTED.rationale, claimText: expect.stringContaining('Claim 2 of'),
        articleTitle: `Seed ${slug}`, queue: slug, round: 1, createdAt: expect.any(String),
      });
      const second = (await t.http.get('/me/verdicts?limit=1&offset=1').set(bearer(me.token)).expect(200)).body;
      expect(second).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ claimId: claims[1] }] });
      await t.http.get('/me/verdicts?limit=0').set(bearer(me.token)).expect(400);
    });

    it('should show the final label once settled and nothing that gives away the other reviewer before', async () => {
      const items: Record<string, unknown>[] = (await t.http.get('/me/verdicts').set(bearer(me.token)).expect(200)).body.items;
      const byClaim = Object.fromEntries(items.map((v) => [v.claimId, v]));
      expect(byClaim[claims[0]].finalLabel).toBe('verified');
      // the disagreement sent claim 1 to adjudication: to its reviewer it is simply not settled yet
      expect(byClaim[claims[1]].finalLabel).toBeNull();
      expect(JSON.stringify(items)).not.toMatch(/needs_adjudication|in_review/);
      expect(JSON.stringify(items)).not.toContain(other.id);
    });

    it('should count the caller\'s verdicts today per queue, in the time zone asked for', async () => {
      const listed = async (user: TestUser, query = '') =>
        (await t.http.get(`/queues${query}`).set(bearer(user.token)).expect(200)).body.find((q: { slug: string }) => q.slug === slug);
      expect((await listed(me)).myVerdictsToday).toBe(3);
      expect((await listed(other)).myVerdictsToday).toBe(2);
      const fresh = await t.createUser(Role.Reviewer);
      expect((await listed(fresh)).myVerdictsToday).toBe(0);
      // one verdict given two days ago no longer counts today
      await t.db.query(`UPDATE verdicts SET created_at = now() - interval '2 days' WHERE user_id = $1 AND claim_id = $2`, [me.id, claims[0]]);
      expect((await listed(me)).myVerdictsToday).toBe(2);
      expect((await listed(me, '?tz=Pacific%2FKiritimati')).myVerdictsToday).toBeGreaterThanOrEqual(0);
      const bad = await t.http.get('/queues?tz=Mars%2FOlympus').set(bearer(me.token)).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['tz']);
    });
  });
});
