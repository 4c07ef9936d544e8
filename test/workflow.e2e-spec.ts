import { AssignmentsRepository } from '../src/review/assignments/assignments.repository';
import { Role } from '../src/users/role';
import { ReviewStateRepository } from '../src/review/review-state.repository';
import { SEED_BODY } from './support/articles';
import { describeEachDatabaseRoute } from './support/database-routes';
import { claimRow, createQueue, DISPUTED, pull, reviewers, seedQueuedClaims, submit, VERIFIED } from './support/review';
import { bearer, TestApp, TestUser, uniqueSuffix } from './support/test-app';

// Directly, and through a transaction pooler with two instances taking turns at every request.
describeEachDatabaseRoute('review queues and verdicts (e2e)', (route) => {
  let t: TestApp;
  let admin: string;
  let editor: TestUser;

  beforeAll(async () => {
    const pooled = route.name !== 'direct';
    t = await TestApp.start({ env: await route.open(), instances: pooled ? 2 : 1 });
    admin = await t.adminToken();
    editor = await t.createUser(Role.Editor);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await route.close();
  });

  describe('pulling', () => {
    it('should lease the best claim with its span and paragraph, and return the same lease when pulled again', async () => {
      const slug = await createQueue(t, admin);
      const [best] = await seedQueuedClaims(t, slug, 3, editor.id);
      const [r] = await reviewers(t, 1);
      const first = await pull(t, r.token, slug).expect(200);
      expect(first.body).toMatchObject({
        id: expect.any(String),
        queue: slug,
        round: 1,
        leaseExpiresAt: expect.any(String),
        claim: { id: best, start: 0, speaker: null, status: 'in_review' },
        article: { title: `Seed ${slug}`, source: 'Seed', paragraph: { start: 0 } },
      });
      expect(first.body.article.paragraph.text).toBe(first.body.claim.text);
      expect(new Date(first.body.leaseExpiresAt).getTime() - Date.now()).toBeGreaterThan(800_000);
      const again = await pull(t, r.token, slug).expect(200);
      expect(again.body.id).toBe(first.body.id);
      const mine = await t.http.get('/me/assignments').set(bearer(r.token)).expect(200);
      expect(mine.body.map((a: { id: string }) => a.id)).toEqual([first.body.id]);
      expect((await claimRow(t, best)).status).toBe('in_review');
    });

    it('should give each of K reviewers the claim once and nobody else while the slots are taken', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 2 });
      const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [a, b, c] = await reviewers(t, 3);
      expect((await pull(t, a.token, slug).expect(200)).body.claim.id).toBe(claim);
      expect((await pull(t, b.token, slug).expect(200)).body.claim.id).toBe(claim);
      await pull(t, c.token, slug).expect(204);
    });

    it('should answer 204 on an empty queue, 403 on a queue of another role or membership, 404 and 409 on unknown or inactive queues', async () => {
      const [r] = await reviewers(t, 1);
      const empty = await createQueue(t, admin);
      await pull(t, r.token, empty).expect(204);
      const editorsOnly = await createQueue(t, admin, { pullRole: 'editor' });
      expect((await pull(t, r.token, editorsOnly).expect(403)).body.code).toBe('QUEUE_NOT_ALLOWED');
      await pull(t, editor.token, editorsOnly).expect(204);
      await pull(t, admin, editorsOnly).expect(204);
      const members = await createQueue(t, admin, { members: [editor.id] });
      await pull(t, r.token, members).expect(403);
      await pull(t, r.token, 'no-such-queue').expect(404);
      const inactive = await createQueue(t, admin, { active: false });
      expect((await pull(t, r.token, inactive).expect(409)).body.code).toBe('QUEUE_INACTIVE');
    });

    it('should treat an expired lease as free without any job, and extend a live one on heartbeat', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 1 });
      const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [a, b] = await reviewers(t, 2);
      const lease = (await pull(t, a.token, slug).expect(200)).body;
      await pull(t, b.token, slug).expect(204);
      const beat = await t.http.post(`/assignments/${lease.id}/heartbeat`).set(bearer(a.token)).expect(200);
      expect(new Date(beat.body.leaseExpiresAt).getTime()).toBeGreaterThanOrEqual(
        new Date(lease.leaseExpiresAt).getTime(),
      );
      await t.db.query(`UPDATE assignments SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [
        lease.id,
      ]);
      await t.db.query(`UPDATE claims SET lease_expiries = ARRAY[now() - interval '1 second'] WHERE id = $1`, [claim]);
      expect((await pull(t, b.token, slug).expect(200)).body.claim.id).toBe(claim);
      expect((await t.http.post(`/assignments/${lease.id}/heartbeat`).set(bearer(a.token)).expect(409)).body.code).toBe(
        'LEASE_EXPIRED',
      );
      expect((await submit(t, a.token, lease.id).expect(409)).body.code).toBe('LEASE_EXPIRED');
    });

    it('should never serve a skipped claim to the same reviewer in that round, and requeue it when nothing holds it', async () => {
      const slug = await createQueue(t, admin);
      const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [a, b] = await reviewers(t, 2);
      const lease = (await pull(t, a.token, slug).expect(200)).body;
      const skipped = await t.http.post(`/assignments/${lease.id}/skip`).set(bearer(a.token)).expect(200);
      expect(skipped.body.claimStatus).toBe('queued');
      await pull(t, a.token, slug).expect(204);
      expect((await pull(t, b.token, slug).expect(200)).body.claim.id).toBe(claim);
      await t.http.post(`/assignments/${lease.id}/skip`).set(bearer(a.token)).expect(409);
    });

    it('should serve a claim reserved for a reviewer to them first and to nobody else until they take it', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 1 });
      const [, reserved] = await seedQueuedClaims(t, slug, 2, editor.id);
      const [a, b] = await reviewers(t, 2);
      await t.http.post(`/claims/${reserved}/assign`).set(bearer(editor.token)).send({ userId: b.id }).expect(204);
      const forA = (await pull(t, a.token, slug).expect(200)).body;
      expect(forA.claim.id).not.toBe(reserved);
      await submit(t, a.token, forA.id).expect(201);
      await pull(t, a.token, slug).expect(204);
      expect((await pull(t, b.token, slug).expect(200)).body.claim.id).toBe(reserved);
      const outsider = await t.createUser(Role.Editor);
      expect(
        (
          await t.http
            .post(`/claims/${reserved}/assign`)
            .set(bearer(editor.token))
            .send({ userId: outsider.id })
            .expect(422)
        ).body.code,
      ).toBe('USER_CANNOT_PULL_QUEUE');
    });
  });

  describe('verdicts', () => {
    it('should validate the verdict body', async () => {
      const slug = await createQueue(t, admin);
      await seedQueuedClaims(t, slug, 1, editor.id);
      const [r] = await reviewers(t, 1);
      const lease = (await pull(t, r.token, slug).expect(200)).body;
      const noRationale = await submit(t, r.token, lease.id, { ...DISPUTED, rationale: undefined }).expect(400);
      expect(noRationale.body.details.map((d: { field: string }) => d.field)).toContain('rationale');
      await submit(t, r.token, lease.id, { ...VERIFIED, sources: [{ url: 'ftp://example.org/x' }] }).expect(400);
      await submit(t, r.token, lease.id, { ...VERIFIED, sources: [{ url: 'javascript:alert(1)' }] }).expect(400);
      await submit(t, r.token, lease.id, { ...VERIFIED, confidence: 6 }).expect(400);
      await submit(t, r.token, lease.id, { ...VERIFIED, label: 'true' }).expect(400);
      await submit(t, r.token, lease.id, { ...VERIFIED, extra: 1 }).expect(400);
      await t.http.post(`/assignments/not-a-uuid/verdict`).set(bearer(r.token)).send(VERIFIED).expect(400);
      expect(await t.db.query(`SELECT 1 FROM verdicts WHERE assignment_id = $1`, [lease.id])).toHaveLength(0);
    });

    it('should settle a unanimous pair by consensus and keep reviewers blind until then', async () => {
      const slug = await createQueue(t, admin);
      const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [a, b] = await reviewers(t, 2);
      const la = (await pull(t, a.token, slug).expect(200)).body;
      const lb = (await pull(t, b.token, slug).expect(200)).body;
      const va = await submit(t, a.token, la.id).expect(201);
      expect(va.body).toMatchObject({
        claimId: claim,
        reviewerId: a.id,
        label: 'verified',
        round: 1,
        claimStatus: 'in_review',
      });
      const blind = await t.http.get(`/claims/${claim}/verdicts`).set(bearer(b.token)).expect(200);
      expect(blind.body).toEqual([]);
      const own = await t.http.get(`/claims/${claim}/verdicts`).set(bearer(a.token)).expect(200);
      expect(own.body.map((v: { reviewerId: string }) => v.reviewerId)).toEqual([a.id]);
      const vb = await submit(t, b.token, lb.id).expect(201);
      expect(vb.body.claimStatus).toBe('verified');
      expect(await claimRow(t, claim)).toMatchObject({
        status: 'verified',
        final_label: 'verified',
        resolution_source: 'consensus',
      });
      const shown = (await t.http.get(`/claims/${claim}`).set(bearer(b.token)).expect(200)).body;
      expect(shown).toMatchObject({
        status: 'verified',
        round: 1,
        finalLabel: 'verified',
        settledBy: 'consensus',
        finalizedAt: expect.any(String),
      });
      const all = await t.http.get(`/claims/${claim}/verdicts`).set(bearer(b.token)).expect(200);
      expect(all.body).toHaveLength(2);
      expect((await t.http.get(`/claims/${claim}/verdicts`).set(bearer(editor.token)).expect(200)).body).toHaveLength(
        2,
      );
    });

    it('should send a split pair to the adjudication queue, where an editor pulls it and resolves it', async () => {
      const slug = await createQueue(t, admin);
      const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [a, b] = await reviewers(t, 2);
      const la = (await pull(t, a.token, slug).expect(200)).body;
      const lb = (await pull(t, b.token, slug).expect(200)).body;
      await submit(t, a.token, la.id, VERIFIED).expect(201);
      expect((await submit(t, b.token, lb.id, DISPUTED).expect(201)).body.claimStatus).toBe('needs_adjudication');
      expect(await claimRow(t, claim)).toMatchObject({ status: 'needs_adjudication', queue: 'adjudication' });
      await pull(t, a.token, 'adjudication').expect(403);
      // an editor reaches it in the shared adjudication queue (other suites may have put claims there first)
      const adjudicator = await t.createUser(Role.Editor);
      let found: string | null = null;
      for (let i = 0; i < 200 && !found; i++) {
        const res = await pull(t, adjudicator.token, 'adjudication');
        if (res.status === 204) break;
        if (res.body.claim.id === claim) found = res.body.id;
        else await t.http.post(`/assignments/${res.body.id}/skip`).set(bearer(adjudicator.token)).expect(200);
      }
      expect(found).not.toBeNull();
      const resolved = await t.http
        .post(`/claims/${claim}/resolution`)
        .set(bearer(adjudicator.token))
        .send({ label: 'disputed', rationale: 'Source B is primary.' })
        .expect(200);
      expect(resolved.body).toEqual({ id: claim, status: 'disputed', round: 1 });
      expect(await claimRow(t, claim)).toMatchObject({
        status: 'disputed',
        resolution_source: 'adjudication',
        adjudicator_id: adjudicator.id,
      });
      expect((await t.db.query(`SELECT status FROM assignments WHERE id = $1`, [found]))[0].status).toBe('released');
    });

    it('should replay a retry with the same Idempotency-Key and refuse any other second verdict', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 1 });
      await seedQueuedClaims(t, slug, 1, editor.id);
      const [r, other] = await reviewers(t, 2);
      const lease = (await pull(t, r.token, slug).expect(200)).body;
      await submit(t, other.token, lease.id).expect(403);
      const first = await submit(t, r.token, lease.id, VERIFIED, 'key-1').expect(201);
      const retry = await submit(t, r.token, lease.id, VERIFIED, 'key-1').expect(201);
      expect(retry.body).toEqual(first.body);
      expect((await submit(t, r.token, lease.id, DISPUTED, 'key-2').expect(409)).body.code).toBe(
        'VERDICT_ALREADY_SUBMITTED',
      );
      await submit(t, r.token, lease.id, VERIFIED).expect(409);
      expect(await t.db.query(`SELECT 1 FROM verdicts WHERE assignment_id = $1`, [lease.id])).toHaveLength(1);
    });

    it('should write a verdict only while what it was decided on holds, and not fail on unrelated changes', async () => {
      const slug = await createQueue(t, admin);
      const [claim] = await seedQueuedClaims(t, slug, 2, editor.id);
      const [r, other, third] = await reviewers(t, 3);
      const assignments = t.app.get(AssignmentsRepository);
      const reviewState = t.app.get(ReviewStateRepository);
      const decide = async (assignmentId: string, userId: string) => {
        const read = (await assignments.read(assignmentId))!;
        return {
          assignmentId,
          userId,
          label: 'verified',
          rationale: null,
          sources: [],
          confidence: 3,
          idempotencyKey: null,
          decidedOn: { claimStatus: read.claimStatus, roundLabels: read.roundLabels },
          claim: {
            status: read.claimStatus,
            roundLabels: [...read.roundLabels, 'verified'],
            finalLabel: null,
            resolutionSource: null,
            adjudicatorId: null,
            moveToQueueId: null,
            transition: null,
          },
        };
      };
      const mine = (await pull(t, r.token, slug).expect(200)).body;
      const write = await decide(mine.id, r.id);
      // another reviewer's pull and my heartbeat do not change what the decision rests on
      const theirs = (await pull(t, other.token, slug).expect(200)).body;
      expect(theirs.claim.id).toBe(claim);
      await t.http.post(`/assignments/${mine.id}/heartbeat`).set(bearer(r.token)).expect(200);
      // ...but their verdict landing first does: nothing is written
      const late = await decide(theirs.id, other.id);
      expect(await reviewState.recordVerdict(write)).toMatchObject({ label: 'verified', round: 1 });
      expect(await reviewState.recordVerdict(late)).toBeNull();
      expect(await t.db.query(`SELECT 1 FROM verdicts WHERE assignment_id = $1`, [theirs.id])).toHaveLength(0);
      expect(await t.db.query(`SELECT status FROM assignments WHERE id = $1`, [theirs.id])).toEqual([
        { status: 'active' },
      ]);
      expect(await t.db.query(`SELECT round_labels FROM claims WHERE id = $1`, [claim])).toEqual([
        { round_labels: ['verified'] },
      ]);
      // a lease skipped after the decision is closed: nothing is written either
      const skipped = (await pull(t, third.token, slug).expect(200)).body;
      const stale = await decide(skipped.id, third.id);
      await t.http.post(`/assignments/${skipped.id}/skip`).set(bearer(third.token)).expect(200);
      expect(await reviewState.recordVerdict(stale)).toBeNull();
      expect(await t.db.query(`SELECT 1 FROM verdicts WHERE assignment_id = $1`, [skipped.id])).toHaveLength(0);
      // the service decides again on fresh rows: the other verdict is the K-th and settles the claim
      expect((await submit(t, other.token, theirs.id).expect(201)).body.claimStatus).toBe('verified');
    });

    it('should count both verdicts when the K reviewers of a claim submit at the same moment, and one of two identical retries', async () => {
      const slug = await createQueue(t, admin);
      const claims = await seedQueuedClaims(t, slug, 15, editor.id);
      const [a, b] = await reviewers(t, 2);
      for (const claim of claims) {
        // one after the other: a pull skips a claim another pull is locking at that moment
        const la = await pull(t, a.token, slug).expect(200);
        const lb = await pull(t, b.token, slug).expect(200);
        expect([la.body.claim.id, lb.body.claim.id]).toEqual([claim, claim]);
        expect(lb.body.claim.id).toBe(claim);
        const [va, vb, again] = await Promise.all([
          submit(t, a.token, la.body.id, VERIFIED, 'same-key'),
          submit(t, b.token, lb.body.id, DISPUTED),
          submit(t, a.token, la.body.id, VERIFIED, 'same-key'),
        ]);
        expect([va.status, vb.status, again.status]).toEqual([201, 201, 201]);
        expect(again.body.id).toBe(va.body.id);
        expect(await claimRow(t, claim)).toMatchObject({ status: 'needs_adjudication', queue: 'adjudication' });
      }
      const [{ verdicts }] = await t.db.query(
        `SELECT count(*)::int AS verdicts FROM verdicts WHERE claim_id = ANY($1)`,
        [claims],
      );
      expect(verdicts).toBe(30);
    });
  });

  describe('editors', () => {
    it('should reopen a final claim into a new round, keeping earlier verdicts, and refuse illegal transitions with the current state', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 1 });
      const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
      const [r] = await reviewers(t, 1);
      const lease = (await pull(t, r.token, slug).expect(200)).body;
      await submit(t, r.token, lease.id).expect(201);
      const illegal = await t.http
        .post(`/claims/${claim}/resolution`)
        .set(bearer(editor.token))
        .send({ label: 'disputed', rationale: 'x' })
        .expect(409);
      expect(illegal.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'verified' } });
      const reopened = await t.http
        .post(`/claims/${claim}/reopen`)
        .set(bearer(editor.token))
        .send({ reason: 'New evidence', queue: slug })
        .expect(200);
      expect(reopened.body).toEqual({ id: claim, status: 'queued', round: 2 });
      const again = (await pull(t, r.token, slug).expect(200)).body;
      expect(again).toMatchObject({ round: 2, claim: { id: claim } });
      await submit(t, r.token, again.id, DISPUTED).expect(201);
      const verdicts = (await t.http.get(`/claims/${claim}/verdicts`).set(bearer(editor.token)).expect(200)).body;
      expect(verdicts.map((v: { round: number; label: string }) => [v.round, v.label])).toEqual([
        [1, 'verified'],
        [2, 'disputed'],
      ]);
      expect(
        (await t.http.post(`/claims/${claim}/reopen`).set(bearer(editor.token)).send({ reason: '' }).expect(400)).body
          .details,
      ).toBeDefined();
      const history = (await t.http.get(`/claims/${claim}/history`).set(bearer(editor.token)).expect(200)).body;
      expect(history.map((h: { action: string }) => h.action)).toEqual([
        'claim.start_review',
        'verdict.submit',
        'claim.consensus',
        'claim.reopen',
        'claim.start_review',
        'verdict.submit',
        'claim.consensus',
      ]);
    });

    it('should route one claim and bulk-route by filter in one statement', async () => {
      const from = await createQueue(t, admin);
      const to = await createQueue(t, admin);
      const claims = await seedQueuedClaims(t, from, 5, editor.id);
      const one = await t.http
        .post(`/claims/${claims[0]}/route`)
        .set(bearer(editor.token))
        .send({ queue: to })
        .expect(200);
      expect(one.body).toEqual({ moved: 1 });
      const bulk = await t.http
        .post(`/queues/${to}/route`)
        .set(bearer(editor.token))
        .send({ filter: { status: 'queued', fromQueue: from, minScore: 0.9 } })
        .expect(200);
      expect(bulk.body).toEqual({ moved: 4 });
      expect((await claimRow(t, claims[3])).queue).toBe(to);
      await t.http.post(`/claims/${claims[0]}/route`).set(bearer(editor.token)).send({ queue: 'nope' }).expect(404);
      await t.http
        .post(`/queues/${to}/route`)
        .set(bearer(editor.token))
        .send({ filter: { minScore: 2 } })
        .expect(400);
    });

    it('should route new claims as they are stored: first matching queue by order, score and source filters, one audit row each', async () => {
      const source = `Routing ${uniqueSuffix()}`;
      const strict = await createQueue(t, admin, {
        routable: true,
        routingOrder: -2000,
        sources: [source],
        minScore: 0.8,
      });
      const loose = await createQueue(t, admin, { routable: true, routingOrder: -1000, sources: [source] });
      const article = (
        await t.http
          .post('/articles')
          .set(bearer(editor.token))
          .send({ title: 'Routing', body: `${SEED_BODY}\n\nRouting ${source}.`, source })
          .expect(201)
      ).body;
      const rows: { id: string; score: number; status: string; queue: string }[] = await t.db.query(
        `SELECT c.id, c.score, c.status, q.slug AS queue FROM claims c JOIN queues q ON q.id = c.queue_id WHERE c.article_id = $1`,
        [article.id],
      );
      expect(rows).toHaveLength(article.claims.length);
      expect(article.claims.every((c: { status: string }) => c.status === 'queued')).toBe(true);
      expect(rows.filter((r) => r.score >= 0.8).every((r) => r.queue === strict)).toBe(true);
      expect(rows.filter((r) => r.score < 0.8).every((r) => r.queue === loose)).toBe(true);
      expect(new Set(rows.map((r) => r.queue)).size).toBe(2);
      const audit: { entity_id: string; after: { status: string; queueId: string } }[] = await t.db.query(
        `SELECT entity_id, after FROM audit_log WHERE action = 'claim.route' AND entity_id = ANY($1)`,
        [rows.map((r) => r.id)],
      );
      expect(audit.map((a) => a.entity_id).sort()).toEqual(rows.map((r) => r.id).sort());
      // a claim added by hand is routed the same way; an article of another source is not routed here
      const manual = await t.http
        .post(`/articles/${article.id}/claims`)
        .set(bearer(editor.token))
        .send({ text: 'Compiled by Ana Dumbadze' })
        .expect(201);
      expect(manual.body.status).toBe('queued');
      expect(
        await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'claim.route' AND entity_id = $1`, [manual.body.id]),
      ).toHaveLength(1);
      const other = (
        await t.http
          .post('/articles')
          .set(bearer(editor.token))
          .send({ title: 'Elsewhere', body: `${SEED_BODY}\n\nOther ${uniqueSuffix()}.`, source: 'Elsewhere' })
          .expect(201)
      ).body;
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM claims c JOIN queues q ON q.id = c.queue_id WHERE c.article_id = $1 AND q.slug IN ($2, $3)`,
        [other.id, strict, loose],
      );
      expect(n).toBe(0);
    });

    it('should list the queues a caller may pull with depth, in-review count and oldest age', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 1 });
      await seedQueuedClaims(t, slug, 3, editor.id);
      const [r] = await reviewers(t, 1);
      await pull(t, r.token, slug).expect(200);
      const list = (await t.http.get('/queues').set(bearer(r.token)).expect(200)).body;
      expect(list.find((q: { slug: string }) => q.slug === slug)).toMatchObject({
        depth: 2,
        inReview: 1,
        oldestWaitingSeconds: expect.any(Number),
      });
      expect(list.map((q: { slug: string }) => q.slug)).not.toContain('adjudication');
      const patched = await t.http
        .patch(`/queues/${slug}`)
        .set(bearer(admin))
        .send({ leaseSeconds: 60, description: 'Short leases' })
        .expect(200);
      expect(patched.body).toMatchObject({ slug, leaseSeconds: 60, description: 'Short leases' });
      expect(
        (await t.http.post('/queues').set(bearer(admin)).send({ slug, pullRole: 'reviewer' }).expect(409)).body.code,
      ).toBe('QUEUE_SLUG_TAKEN');
      await t.http.post('/queues').set(bearer(admin)).send({ slug: 'Bad Slug', pullRole: 'reviewer' }).expect(400);
    });
  });

  it('should let a reviewer work a claim of the seed article end to end', async () => {
    const source = `Seed ${uniqueSuffix()}`;
    const slug = await createQueue(t, admin, {
      routable: true,
      routingOrder: -1000,
      sources: [source],
      verdictsRequired: 1,
    });
    const article = await t.http
      .post('/articles')
      .set(bearer(editor.token))
      .send({ title: 'Ukraine live', body: `${SEED_BODY}\n\nFiled by ${source}.`, source })
      .expect(201);
    const zelenska = article.body.claims.find((c: { text: string }) => c.text.includes('550 children'));
    expect(zelenska.status).toBe('queued');
    const [r] = await reviewers(t, 1);
    let lease = (await pull(t, r.token, slug).expect(200)).body;
    while (lease.claim.id !== zelenska.id) {
      await t.http.post(`/assignments/${lease.id}/skip`).set(bearer(r.token)).expect(200);
      lease = (await pull(t, r.token, slug).expect(200)).body;
    }
    expect(SEED_BODY.slice(lease.claim.start, lease.claim.end)).toBe(lease.claim.text);
    expect(lease.claim.speaker).toBe('Olena Zelenska');
    expect(lease.article.paragraph.text).toContain(lease.claim.text);
    const verdict = await submit(t, r.token, lease.id, {
      label: 'verified',
      rationale: 'Matches the Prosecutor General’s count on that date.',
      sources: [
        { url: 'https://www.gp.gov.ua/', title: 'Office of the Prosecutor General', quote: '550 children killed' },
      ],
      confidence: 4,
    }).expect(201);
    expect(verdict.body.claimStatus).toBe('verified');
  });
});
