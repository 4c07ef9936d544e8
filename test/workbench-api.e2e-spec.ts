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
      const res = await t.http
        .put(`/queues/${slug}/guidelines`)
        .set(bearer(editor.token))
        .send({ guidelines: text })
        .expect(200);
      expect(res.body).toMatchObject({ slug, guidelines: text });
      await t.http
        .put(`/queues/${slug}/guidelines`)
        .set(bearer(reviewer.token))
        .send({ guidelines: 'mine now' })
        .expect(403);
      await t.http
        .put(`/queues/${slug}/guidelines`)
        .set(bearer(editor.token))
        .send({ guidelines: 'x'.repeat(20001) })
        .expect(400);
      await t.http
        .put(`/queues/no-such-queue/guidelines`)
        .set(bearer(editor.token))
        .send({ guidelines: 'x' })
        .expect(404);

      const listed = (await t.http.get('/queues').set(bearer(reviewer.token)).expect(200)).body.find(
        (q: { slug: string }) => q.slug === slug,
      );
      expect(listed.guidelines).toBe(text);
      const lease = (await pull(t, reviewer.token, slug).expect(200)).body;
      expect(lease.guidelines).toBe(text);
      expect(lease.claim.id).toBe(claimId);
      // the whole article, so the screen can show it with the claim marked at its exact span
      expect(lease.article.body.slice(lease.claim.start, lease.claim.end)).toBe(lease.claim.text);
      expect(lease.article.body.length).toBeGreaterThan(lease.article.paragraph.text.length - 1);

      const [audit] = await t.db.query(
        `SELECT actor_id, before->>'guidelines' AS before, after->>'guidelines' AS after FROM audit_log
        WHERE action = 'queue.update' AND after->>'slug' = $1`,
        [slug],
      );
      expect(audit).toEqual({ actor_id: editor.id, before: '# Rules\n\nCheck **official** sources.', after: text });
    });
  });

  describe("my verdicts and today's counts", () => {
    let slug: string;
    let me: TestUser;
    let other: TestUser;
    let claims: string[];

    beforeAll(async () => {
      slug = await createQueue(t, admin, { verdictsRequired: 2 });
      claims = await seedQueuedClaims(t, slug, 3, editor.id);
      [me, other] = await reviewers(t, 2);
      // claim 0: both verified (final); claim 1: we disagree (adjudication); claim 2: only mine so far
      for (const verdicts of [
        [VERIFIED, VERIFIED],
        [VERIFIED, DISPUTED],
      ]) {
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

    it("should list only the caller's own verdicts, newest first, with claim text and label, paged", async () => {
      const page = (await t.http.get('/me/verdicts').set(bearer(me.token)).expect(200)).body;
      expect(page).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(page.items.map((v: { claimId: string }) => v.claimId)).toEqual([claims[2], claims[1], claims[0]]);
      expect(page.items[0]).toMatchObject({
        reviewerId: me.id,
        label: 'disputed',
        rationale: DISPUTED.rationale,
        claimText: expect.stringContaining('Claim 2 of'),
        articleTitle: `Seed ${slug}`,
        queue: slug,
        round: 1,
        createdAt: expect.any(String),
      });
      const second = (await t.http.get('/me/verdicts?limit=1&offset=1').set(bearer(me.token)).expect(200)).body;
      expect(second).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ claimId: claims[1] }] });
      await t.http.get('/me/verdicts?limit=0').set(bearer(me.token)).expect(400);
    });

    it('should show the final label once settled and nothing that gives away the other reviewer before', async () => {
      const items: Record<string, unknown>[] = (await t.http.get('/me/verdicts').set(bearer(me.token)).expect(200)).body
        .items;
      const byClaim = Object.fromEntries(items.map((v) => [v.claimId, v]));
      expect(byClaim[claims[0]].finalLabel).toBe('verified');
      // the disagreement sent claim 1 to adjudication: to its reviewer it is simply not settled yet
      expect(byClaim[claims[1]].finalLabel).toBeNull();
      expect(JSON.stringify(items)).not.toMatch(/needs_adjudication|in_review/);
      expect(JSON.stringify(items)).not.toContain(other.id);
    });

    it("should count the caller's verdicts today per queue, in the time zone asked for", async () => {
      const listed = async (user: TestUser, query = '') =>
        (await t.http.get(`/queues${query}`).set(bearer(user.token)).expect(200)).body.find(
          (q: { slug: string }) => q.slug === slug,
        );
      expect((await listed(me)).myVerdictsToday).toBe(3);
      expect((await listed(other)).myVerdictsToday).toBe(2);
      const fresh = await t.createUser(Role.Reviewer);
      expect((await listed(fresh)).myVerdictsToday).toBe(0);
      // one verdict given two days ago no longer counts today
      await t.db.query(
        `UPDATE verdicts SET created_at = now() - interval '2 days' WHERE user_id = $1 AND claim_id = $2`,
        [me.id, claims[0]],
      );
      expect((await listed(me)).myVerdictsToday).toBe(2);
      expect((await listed(me, '?tz=Pacific%2FKiritimati')).myVerdictsToday).toBeGreaterThanOrEqual(0);
      const bad = await t.http.get('/queues?tz=Mars%2FOlympus').set(bearer(me.token)).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['tz']);
    });
  });

  describe('why a queue is empty for you', () => {
    const availability = async (user: TestUser, slug: string) =>
      (await t.http.get(`/queues/${slug}/availability`).set(bearer(user.token)).expect(200)).body;

    it('should tell available, held by others, judged by you and nothing left apart', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 2 });
      const [a, b, c] = await reviewers(t, 3);
      expect(await availability(c, slug)).toMatchObject({ queue: slug, reason: 'nothing_left', available: 0 });
      const [claimId] = await seedQueuedClaims(t, slug, 1, editor.id);
      expect(await availability(c, slug)).toMatchObject({ reason: 'available', available: 1 });

      const leaseA = (await pull(t, a.token, slug).expect(200)).body;
      const leaseB = (await pull(t, b.token, slug).expect(200)).body;
      expect(await availability(a, slug)).toMatchObject({ reason: 'available', heldByYou: 1, available: 0 });
      await pull(t, c.token, slug).expect(204);
      expect(await availability(c, slug)).toEqual({
        queue: slug,
        reason: 'held_by_others',
        available: 0,
        heldByYou: 0,
        heldByOthers: 1,
        reservedForOthers: 0,
        judgedByYou: 0,
      });

      await submit(t, a.token, leaseA.id, VERIFIED).expect(201);
      expect(await availability(a, slug)).toMatchObject({ reason: 'already_judged', judgedByYou: 1 });
      expect(await availability(c, slug)).toMatchObject({ reason: 'held_by_others', heldByOthers: 1 });
      // b gives the lease back: one verdict and no live lease leave room for c
      await t.http
        .post(`/assignments/${leaseB.id}/skip`)
        .set(bearer(b.token))
        .send({ reason: '  Needs a Polish speaker ' })
        .expect(200);
      const [skipped] = await t.db.query(`SELECT after FROM audit_log WHERE action = 'claim.skip' AND actor_id = $1`, [
        b.id,
      ]);
      expect(skipped.after).toEqual({ status: 'in_review', assignmentId: leaseB.id, reason: 'Needs a Polish speaker' });
      expect(await availability(b, slug)).toMatchObject({ reason: 'already_judged' });
      expect(await availability(c, slug)).toMatchObject({ reason: 'available', available: 1 });
      expect((await pull(t, c.token, slug).expect(200)).body.claim.id).toBe(claimId);
    });

    it('should count claims reserved for someone else, and refuse a queue the caller may not pull', async () => {
      const slug = await createQueue(t, admin);
      const [claimId] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [a, b] = await reviewers(t, 2);
      await t.http.post(`/claims/${claimId}/assign`).set(bearer(editor.token)).send({ userId: a.id }).expect(204);
      expect(await availability(b, slug)).toMatchObject({ reason: 'reserved_for_others', reservedForOthers: 1 });
      expect(await availability(a, slug)).toMatchObject({ reason: 'available', available: 1 });
      await t.http.get(`/queues/${slug}/availability`).set(bearer(editor.token)).expect(403);
      await t.http.get(`/queues/no-such-queue/availability`).set(bearer(a.token)).expect(404);
    });
  });

  describe('claim curation options', () => {
    const curation = (claimId: string, token = editor.token) =>
      t.http.get(`/claims/${claimId}/curation`).set(bearer(token));

    it('should offer routing to active queues and assignment to the users who may pull its queue, by name', async () => {
      const slug = await createQueue(t, admin, { description: 'Members only' });
      const inactive = await createQueue(t, admin);
      await t.http.patch(`/queues/${inactive}`).set(bearer(admin)).send({ active: false }).expect(200);
      const [claimId] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [member, outsider] = await reviewers(t, 2);
      await t.http
        .patch(`/queues/${slug}`)
        .set(bearer(admin))
        .send({ members: [member.id] })
        .expect(200);

      const { body } = await curation(claimId).expect(200);
      expect(body).toMatchObject({ queue: slug, actions: { edit: true, reject: true, route: true, assign: true } });
      expect(body.queues).toContainEqual({ slug, description: 'Members only' });
      expect(body.queues.map((q: { slug: string }) => q.slug)).not.toContain(inactive);
      const assignees = body.assignees.map((u: { id: string }) => u.id);
      expect(assignees).toContain(member.id);
      expect(assignees).not.toContain(outsider.id);
      expect(assignees).not.toContain(editor.id);
      expect(body.assignees[0]).toEqual({ id: member.id, displayName: expect.any(String), role: 'reviewer' });
      for (const id of assignees)
        await t.http.post(`/claims/${claimId}/assign`).set(bearer(editor.token)).send({ userId: id }).expect(204);
    });

    it("should offer nothing but what the claim's state allows", async () => {
      const slug = await createQueue(t, admin);
      const [claimId] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [reviewer] = await reviewers(t, 1);
      await pull(t, reviewer.token, slug).expect(200);
      expect((await curation(claimId).expect(200)).body).toMatchObject({
        queue: slug,
        actions: { edit: false, reject: false, route: false, assign: true },
        queues: [],
      });
      await t.db.query(`UPDATE claims SET status = 'rejected', queue_id = NULL WHERE id = $1`, [claimId]);
      // rejected behind the service's back: no audit entry, so no rejection to show
      expect((await curation(claimId).expect(200)).body).toEqual({
        queue: null,
        actions: { edit: true, reject: false, route: false, assign: false },
        queues: [],
        assignees: [],
      });
      await curation('00000000-0000-4000-8000-000000000000').expect(404);
      await curation('nope').expect(400);
      await curation(claimId, reviewer.token).expect(403);
    });
  });

  describe('routing targets', () => {
    const curation = (claimId: string) => t.http.get(`/claims/${claimId}/curation`).set(bearer(editor.token));
    const routeOne = (claimId: string, queue: string) =>
      t.http.post(`/claims/${claimId}/route`).set(bearer(editor.token)).send({ queue });

    it('should never offer or accept the adjudication queue (only disagreements reach it), nor an inactive one', async () => {
      const slug = await createQueue(t, admin);
      const inactive = await createQueue(t, admin, { active: false });
      const [claimId] = await seedQueuedClaims(t, slug, 1, editor.id);

      const offered = (await curation(claimId).expect(200)).body.queues.map((q: { slug: string }) => q.slug);
      expect(offered).toContain(slug);
      expect(offered).toContain('default');
      expect(offered).not.toContain('adjudication');
      expect(offered).not.toContain(inactive);

      const refused = await routeOne(claimId, 'adjudication').expect(409);
      expect(refused.body.code).toBe('QUEUE_NOT_ROUTABLE');
      expect(refused.body.message).toContain('only claims whose reviewers disagreed');
      expect((await routeOne(claimId, inactive).expect(409)).body.code).toBe('QUEUE_INACTIVE');
      const bulk = (queue: string) =>
        t.http
          .post(`/queues/${queue}/route`)
          .set(bearer(editor.token))
          .send({ filter: { status: 'queued', fromQueue: slug } });
      expect((await bulk('adjudication').expect(409)).body.code).toBe('QUEUE_NOT_ROUTABLE');
      expect((await bulk(inactive).expect(409)).body.code).toBe('QUEUE_INACTIVE');
      const [row] = await t.db.query(`SELECT q.slug FROM claims c JOIN queues q ON q.id = c.queue_id WHERE c.id = $1`, [
        claimId,
      ]);
      expect(row.slug).toBe(slug);
      expect(
        await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'claim.route' AND entity_id = $1`, [claimId]),
      ).toEqual([]);
    });

    it('should refuse automatic routing into the adjudication queue and say which queue takes escalations only', async () => {
      const res = await t.http.patch('/queues/adjudication').set(bearer(admin)).send({ routable: true }).expect(409);
      expect(res.body.code).toBe('QUEUE_NOT_ROUTABLE');
      const [row] = await t.db.query(`SELECT routable FROM queues WHERE slug = 'adjudication'`);
      expect(row.routable).toBe(false);
      // its other settings stay editable
      await t.http.patch('/queues/adjudication').set(bearer(admin)).send({ routable: false }).expect(200);
      const listed: { slug: string; escalationsOnly: boolean }[] = (
        await t.http.get('/queues').set(bearer(admin)).expect(200)
      ).body;
      expect(listed.find((q) => q.slug === 'adjudication')?.escalationsOnly).toBe(true);
      expect(listed.find((q) => q.slug === 'default')?.escalationsOnly).toBe(false);
    });
  });

  describe('rejection shown with the claim', () => {
    it('should give who rejected the claim, when and why, from its audit trail', async () => {
      const slug = await createQueue(t, admin);
      const [withReason, without] = await seedQueuedClaims(t, slug, 2, editor.id);
      const rejecterName = `Desk Editor ${Date.now()}`;
      const rejecter = await t.createUser(Role.Editor, { displayName: rejecterName });
      const before = Date.now();
      await t.http
        .post(`/claims/${withReason}/reject`)
        .set(bearer(rejecter.token))
        .send({ reason: 'An opinion, not a checkable statement' })
        .expect(200);
      await t.http.post(`/claims/${without}/reject`).set(bearer(rejecter.token)).send({}).expect(200);

      const shown = (id: string) => t.http.get(`/claims/${id}/curation`).set(bearer(editor.token)).expect(200);
      const { body } = await shown(withReason);
      expect(body.rejection).toEqual({
        reason: 'An opinion, not a checkable statement',
        by: rejecterName,
        at: expect.any(String),
      });
      expect(Date.parse(body.rejection.at)).toBeGreaterThanOrEqual(before - 1000);
      // out of every queue, though the row keeps the queue it was in
      expect(body.queue).toBeNull();
      expect((await shown(without)).body.rejection).toMatchObject({ reason: null, by: rejecterName });
      // a claim still in review has none
      const [open] = await seedQueuedClaims(t, slug, 1, editor.id);
      expect((await shown(open)).body).not.toHaveProperty('rejection');
    });
  });

  describe('known claims beside a review', () => {
    it('should give settled similar claims with their final label, and only those when asked', async () => {
      const text = `The harbour authority said 77 cranes were idle at Gdansk ${Date.now()} on Monday.`;
      const post = async (copy: string) => {
        const res = await t.http
          .post('/articles')
          .set(bearer(editor.token))
          .send({ title: 'Similar', body: `${text} ${copy}.` })
          .expect(201);
        return (res.body.claims as { id: string; text: string }[]).find((c) => c.text.includes('cranes'))!.id;
      };
      const [settled, open, mine] = [await post('First copy'), await post('Second copy'), await post('Third copy')];
      await t.http
        .post(`/claims/${settled}/resolution`)
        .set(bearer(editor.token))
        .send({ label: 'disputed', rationale: 'Port data differ.' })
        .expect(200);
      const [reviewer] = await reviewers(t, 1);
      const all = (await t.http.get(`/claims/${mine}/similar`).set(bearer(reviewer.token)).expect(200)).body;
      expect(all.map((c: { id: string }) => c.id).sort()).toEqual([settled, open].sort());
      expect(all.find((c: { id: string }) => c.id === settled)).toMatchObject({
        finalLabel: 'disputed',
        finalizedAt: expect.any(String),
        status: 'disputed',
      });
      expect(all.find((c: { id: string }) => c.id === open).finalLabel).toBeNull();
      const known = (await t.http.get(`/claims/${mine}/similar?settled=true`).set(bearer(reviewer.token)).expect(200))
        .body;
      expect(known).toEqual([
        expect.objectContaining({ id: settled, finalLabel: 'disputed', articleTitle: 'Similar' }),
      ]);
      await t.http.get(`/claims/${mine}/similar?settled=maybe`).set(bearer(reviewer.token)).expect(400);
    });
  });

  describe('adjudication case', () => {
    it('should show the disagreeing verdicts side by side as Reviewer A/B, names only when revealed (audited)', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 2 });
      const [claimId] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [a, b] = await reviewers(t, 2);
      const leaseA = (await pull(t, a.token, slug).expect(200)).body;
      const leaseB = (await pull(t, b.token, slug).expect(200)).body;
      await submit(t, a.token, leaseA.id, VERIFIED).expect(201);
      await submit(t, b.token, leaseB.id, DISPUTED).expect(201);

      const blind = (await t.http.get(`/claims/${claimId}/adjudication`).set(bearer(editor.token)).expect(200)).body;
      expect(blind).toMatchObject({
        revealed: false,
        claim: { id: claimId, status: 'needs_adjudication', round: 1, finalLabel: null },
        article: { title: `Seed ${slug}`, body: expect.any(String) },
      });
      expect(blind.article.body.slice(blind.claim.start, blind.claim.end)).toBe(blind.claim.text);
      expect(blind.verdicts).toEqual([
        {
          reviewer: 'Reviewer A',
          reviewerId: null,
          reviewerName: null,
          label: 'verified',
          rationale: null,
          sources: VERIFIED.sources,
          confidence: 4,
          createdAt: expect.any(String),
        },
        expect.objectContaining({
          reviewer: 'Reviewer B',
          reviewerId: null,
          reviewerName: null,
          label: 'disputed',
          rationale: DISPUTED.rationale,
        }),
      ]);
      expect(JSON.stringify(blind)).not.toMatch(new RegExp(`${a.id}|${b.id}|${a.email}|${b.email}`));

      const shown = (
        await t.http.get(`/claims/${claimId}/adjudication?reveal=true`).set(bearer(editor.token)).expect(200)
      ).body;
      expect(shown.revealed).toBe(true);
      expect(shown.verdicts.map((v: { reviewerId: string }) => v.reviewerId)).toEqual([a.id, b.id]);
      expect(shown.verdicts[0].reviewerName).toContain(a.email);
      const [audit] = await t.db.query(
        `SELECT actor_id FROM audit_log WHERE action = 'claim.reveal_reviewers' AND entity_id = $1`,
        [claimId],
      );
      expect(audit.actor_id).toBe(editor.id);

      // the editor settles it from the adjudication queue (shared with other suites: reserved for this editor, so it
      // comes first); the ruling is not one of the reviewer verdicts
      await t.http.post(`/claims/${claimId}/assign`).set(bearer(editor.token)).send({ userId: editor.id }).expect(204);
      const lease = (await pull(t, editor.token, 'adjudication').expect(200)).body;
      expect(lease.claim.id).toBe(claimId);
      await submit(t, editor.token, lease.id, DISPUTED).expect(201);
      const settled = (await t.http.get(`/claims/${claimId}/adjudication`).set(bearer(editor.token)).expect(200)).body;
      expect(settled.claim).toMatchObject({
        status: 'disputed',
        finalLabel: 'disputed',
        settledBy: 'adjudication',
        adjudicatorId: editor.id,
      });
      expect(settled.verdicts.map((v: { reviewer: string }) => v.reviewer)).toEqual(['Reviewer A', 'Reviewer B']);

      await t.http.get(`/claims/${claimId}/adjudication`).set(bearer(a.token)).expect(403);
      await t.http
        .get(`/claims/00000000-0000-4000-8000-000000000000/adjudication`)
        .set(bearer(editor.token))
        .expect(404);
    });
  });
});
