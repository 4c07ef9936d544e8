import { Role } from '../src/users/role';
import {
  ClaimBody,
  countWrittenBy,
  expectExactSpans,
  forceStatus,
  importStreamed,
  postArticle,
  uniqueBody,
  WAITING,
} from './support/articles';
import { bearer, TestApp, TestUser, uniqueSuffix } from './support/test-app';

describe('claims (e2e)', () => {
  let t: TestApp;
  let editor: TestUser;
  let reviewer: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.createUser(Role.Editor);
    reviewer = await t.createUser(Role.Reviewer);
  });
  afterAll(() => t.close());

  const twice = 'The bridge was closed.';
  const article = async () => {
    const body = uniqueBody(
      `${twice} Local press, quoting the mayor, said 9 ferries ran late. ${twice} Zelenska said it was a dark day.`,
    );
    const res = await postArticle(t, editor.token, { body }).expect(201);
    return { id: res.body.id as string, body, claims: res.body.claims as ClaimBody[] };
  };
  const addClaim = (articleId: string, payload: object) =>
    t.http.post(`/articles/${articleId}/claims`).set(bearer(editor.token)).send(payload);

  describe('manual claims', () => {
    it('should add a claim by span and by text, with exact spans, origin manual and a score', async () => {
      const a = await article();
      const bySpan = await addClaim(a.id, { start: 0, end: 11 }).expect(201);
      expect(bySpan.body).toMatchObject({
        text: a.body.slice(0, 11),
        origin: 'manual',
        sentenceIndex: null,
        createdBy: editor.id,
      });
      expect(WAITING).toContain(bySpan.body.status);
      const text = '9 ferries ran late';
      const byText = await addClaim(a.id, { text, speaker: 'Local press' }).expect(201);
      expect(byText.body).toMatchObject({ text, start: a.body.indexOf(text), speaker: 'Local press' });
      expect(byText.body.score).toBeGreaterThanOrEqual(0);
      expect(byText.body.score).toBeLessThanOrEqual(1);
      const listed = await t.http.get(`/articles/${a.id}/claims`).set(bearer(reviewer.token)).expect(200);
      expect(listed.body.map((c: ClaimBody) => c.id)).toEqual(expect.arrayContaining([bySpan.body.id, byText.body.id]));
      expectExactSpans(a.body, listed.body);
    });

    it.each([
      ['text that is absent', () => ({ text: 'not in the body' }), 422, 'CLAIM_TEXT_NOT_FOUND'],
      ['text that occurs twice', () => ({ text: twice }), 422, 'CLAIM_TEXT_AMBIGUOUS'],
      ['a span past the end', () => ({ start: 5, end: 100_000 }), 422, 'CLAIM_SPAN_OUT_OF_RANGE'],
      ['an empty span', () => ({ start: 5, end: 5 }), 422, 'CLAIM_SPAN_OUT_OF_RANGE'],
      ['both forms', () => ({ start: 0, end: 4, text: 'The ' }), 400, 'CLAIM_FORM_INVALID'],
      ['half a span', () => ({ start: 0 }), 400, 'CLAIM_FORM_INVALID'],
      ['neither form', () => ({ speaker: 'X' }), 400, 'CLAIM_FORM_INVALID'],
    ])('should refuse %s and write nothing', async (_name, payload, status, code) => {
      const a = await article();
      const before = await countWrittenBy(t, editor.id);
      const res = await addClaim(a.id, payload()).expect(status);
      expect(res.body.code).toBe(code);
      expect(await countWrittenBy(t, editor.id)).toEqual(before);
    });

    it('should refuse a negative offset with 400 and an unknown article with 404', async () => {
      const a = await article();
      await addClaim(a.id, { start: -1, end: 3 }).expect(400);
      const missing = await addClaim('00000000-0000-4000-8000-000000000000', { start: 0, end: 3 }).expect(404);
      expect(missing.body.code).toBe('ARTICLE_NOT_FOUND');
    });

    it('should refuse a duplicate span with 409 naming the existing claim', async () => {
      const a = await article();
      const extracted = a.claims[0];
      const res = await addClaim(a.id, { start: extracted.start, end: extracted.end }).expect(409);
      expect(res.body).toMatchObject({ code: 'CLAIM_DUPLICATE', details: { existingId: extracted.id } });
    });

    it('should let reviewers read but not write', async () => {
      const a = await article();
      await t.http.post(`/articles/${a.id}/claims`).set(bearer(reviewer.token)).send({ start: 0, end: 3 }).expect(403);
      await t.http.get(`/claims/${a.claims[0].id}`).set(bearer(reviewer.token)).expect(200);
    });
  });

  describe('PATCH', () => {
    const patch = (id: string, payload: object) =>
      t.http.patch(`/claims/${id}`).set(bearer(editor.token)).send(payload);

    it('should move a claim by text or span, keeping the span exact, and set or clear the speaker', async () => {
      const a = await article();
      const id = a.claims[0].id;
      const moved = await patch(id, { text: 'quoting the mayor, said 9 ferries' }).expect(200);
      expect(moved.body.start).toBe(a.body.indexOf('quoting the mayor'));
      expectExactSpans(a.body, [moved.body]);
      const bySpan = await patch(id, { start: 4, end: 20, speaker: 'The council' }).expect(200);
      expect(bySpan.body).toMatchObject({ start: 4, end: 20, text: a.body.slice(4, 20), speaker: 'The council' });
      expect((await patch(id, { speaker: null }).expect(200)).body.speaker).toBeNull();
    });

    it('should re-validate the new span and leave the claim unchanged when it is refused', async () => {
      const a = await article();
      const claim = a.claims[0];
      expect((await patch(claim.id, { text: 'nowhere to be found' }).expect(422)).body.code).toBe(
        'CLAIM_TEXT_NOT_FOUND',
      );
      expect((await patch(claim.id, { text: twice }).expect(422)).body.code).toBe('CLAIM_TEXT_AMBIGUOUS');
      expect((await patch(claim.id, { start: 0, end: a.body.length + 1 }).expect(422)).body.code).toBe(
        'CLAIM_SPAN_OUT_OF_RANGE',
      );
      const other = await addClaim(a.id, { start: 0, end: 7 }).expect(201);
      expect((await patch(claim.id, { start: 0, end: 7 }).expect(409)).body).toMatchObject({
        code: 'CLAIM_DUPLICATE',
        details: { existingId: other.body.id },
      });
      const read = await t.http.get(`/claims/${claim.id}`).set(bearer(editor.token)).expect(200);
      expect(read.body).toMatchObject({ text: claim.text, start: claim.start, end: claim.end });
    });

    it('should refuse to edit a claim in review', async () => {
      const a = await article();
      await forceStatus(t, a.claims[0].id, 'in_review');
      const res = await patch(a.claims[0].id, { speaker: 'X' }).expect(409);
      expect(res.body).toMatchObject({ code: 'CLAIM_PAST_REVIEW', details: { status: 'in_review' } });
    });
  });

  describe('reject', () => {
    const reject = (id: string) => t.http.post(`/claims/${id}/reject`).set(bearer(editor.token));

    it('should mark a claim rejected, keep it, and accept a second reject', async () => {
      const a = await article();
      expect((await reject(a.claims[0].id).expect(200)).body.status).toBe('rejected');
      expect((await reject(a.claims[0].id).expect(200)).body.status).toBe('rejected');
      expect((await t.http.get(`/claims/${a.claims[0].id}`).set(bearer(reviewer.token)).expect(200)).body.status).toBe(
        'rejected',
      );
    });

    it('should keep the reason in the audit trail, and refuse an empty or overlong one', async () => {
      const a = await article();
      const id = a.claims[0].id;
      await t.http.post(`/claims/${id}/reject`).set(bearer(editor.token)).send({ reason: '' }).expect(400);
      await t.http
        .post(`/claims/${id}/reject`)
        .set(bearer(editor.token))
        .send({ reason: 'x'.repeat(501) })
        .expect(400);
      await t.http
        .post(`/claims/${id}/reject`)
        .set(bearer(editor.token))
        .send({ reason: 'An opinion, not checkable', extra: 1 })
        .expect(400);
      expect((await t.http.get(`/claims/${id}`).set(bearer(editor.token)).expect(200)).body.status).toBe(
        a.claims[0].status,
      );
      await t.http
        .post(`/claims/${id}/reject`)
        .set(bearer(editor.token))
        .send({ reason: 'An opinion, not checkable' })
        .expect(200);
      const rows = await t.db.query(
        `SELECT actor_id, after FROM audit_log WHERE action = 'claim.reject' AND entity_id = $1`,
        [id],
      );
      expect(rows).toEqual([
        { actor_id: editor.id, after: { status: 'rejected', reason: 'An opinion, not checkable' } },
      ]);
      expect(a.claims[0].status).not.toBe('rejected');
    });

    it.each(['verified', 'needs_adjudication'])(
      'should refuse a claim that is %s with 409 and the current state',
      async (status) => {
        const a = await article();
        await forceStatus(t, a.claims[0].id, status);
        const res = await reject(a.claims[0].id).expect(409);
        expect(res.body).toMatchObject({ code: 'CLAIM_PAST_REVIEW', details: { status } });
      },
    );

    it('should answer 404 for an unknown claim and 400 for a malformed id', async () => {
      expect((await reject('00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('CLAIM_NOT_FOUND');
      await reject('not-a-uuid').expect(400);
    });
  });

  describe('similarity', () => {
    it('should link a claim to a near-identical claim of another article, both ways', async () => {
      const tag = uniqueSuffix();
      const shared = (n: string) =>
        `Regional governor Oleh ${tag} said that ${n} drones were shot down over the Odesa region overnight on Tuesday.`;
      const first = await postArticle(t, editor.token, {
        title: 'First',
        url: `https://a.example.com/${tag}`,
        body: `${shared('twenty-four')} Markets were calm.`,
      }).expect(201);
      const second = await postArticle(t, editor.token, {
        title: 'Second',
        body: `Another outlet ${tag} reported. ${shared('twenty four')}`,
      }).expect(201);
      const mine = (second.body.claims as ClaimBody[]).find((c) => c.text.includes('drones'))!;
      const theirs = (first.body.claims as ClaimBody[]).find((c) => c.text.includes('drones'))!;
      const similar = await t.http.get(`/claims/${mine.id}/similar`).set(bearer(reviewer.token)).expect(200);
      expect(similar.body).toEqual([
        expect.objectContaining({
          id: theirs.id,
          articleId: first.body.id,
          articleTitle: 'First',
          articleUrl: `https://a.example.com/${tag}`,
          text: theirs.text,
        }),
      ]);
      expect(similar.body[0].similarity).toBeGreaterThan(0.6);
      expect(WAITING).toContain(similar.body[0].status);
      const back = await t.http.get(`/claims/${theirs.id}/similar`).set(bearer(reviewer.token)).expect(200);
      expect(back.body.map((c: ClaimBody) => c.id)).toEqual([mine.id]);
      const unrelated = (second.body.claims as ClaimBody[]).filter((c) => c.id !== mine.id);
      for (const c of unrelated)
        expect((await t.http.get(`/claims/${c.id}/similar`).set(bearer(reviewer.token)).expect(200)).body).toEqual([]);
    });

    it('should link rewordings, a changed number and wire copies (exact repeats at 1), and not the same template with other facts', async () => {
      const tag = uniqueSuffix();
      const claimOf = async (body: string) => {
        const res = await postArticle(t, editor.token, { body: `${body} Dispatch ${uniqueSuffix()}.` }).expect(201);
        return (res.body.claims as ClaimBody[]).find((c) => c.text.includes('barges'))!;
      };
      const original = await claimOf(
        `Port chief Quentin Albarran${tag} said 412 grain barges reached Constanta harbour last weekend.`,
      );
      const variants = [
        await claimOf(
          `Port chief Quentin Albarran${tag} said 413 grain barges reached Constanta harbour last weekend.`,
        ),
        await claimOf(
          `CONSTANTA (Reuters) - Port chief Quentin Albarran${tag} said 412 grain barges reached Constanta harbour last weekend, officials said.`,
        ),
        await claimOf(
          `Port chief Quentin Albarran${tag} said 412 grain barges reached Constanta harbour last weekend.`,
        ),
      ];
      const other = await claimOf(
        `Customs officer Mirela Dobrescu${tag} said 57 grain barges were held at Galati harbour overnight.`,
      );
      const similar = await t.http.get(`/claims/${original.id}/similar`).set(bearer(reviewer.token)).expect(200);
      expect(similar.body.map((c: { id: string }) => c.id).sort()).toEqual(variants.map((v) => v.id).sort());
      for (const c of similar.body) expect(c.similarity).toBeGreaterThanOrEqual(0.6);
      expect(similar.body.find((c: { id: string }) => c.id === variants[2].id).similarity).toBe(1);
      expect((await t.http.get(`/claims/${other.id}/similar`).set(bearer(reviewer.token)).expect(200)).body).toEqual(
        [],
      );
    });

    it('should show at most ten exact repeats from other articles, settled ones first, without storing links for them', async () => {
      const tag = uniqueSuffix();
      const text = `Dam keeper Arvid Lindqvist${tag} said 31 sluice gates were opened at Kakhovka on Sunday.`;
      const copies: ClaimBody[] = [];
      for (let i = 0; i < 13; i++) {
        const res = await postArticle(t, editor.token, { body: `${text} Copy ${i} ${tag}.` }).expect(201);
        copies.push((res.body.claims as ClaimBody[]).find((c) => c.text.includes('sluice'))!);
      }
      const settled = copies[12];
      await forceStatus(t, settled.id, 'verified');
      const similar = await t.http.get(`/claims/${copies[0].id}/similar`).set(bearer(reviewer.token)).expect(200);
      expect(similar.body).toHaveLength(10);
      expect(similar.body[0]).toMatchObject({ id: settled.id, status: 'verified', similarity: 1 });
      expect(similar.body.map((c: { id: string }) => c.id)).not.toContain(copies[0].id);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM claim_similarities WHERE claim_id = ANY($1)`, [
        copies.map((c) => c.id),
      ]);
      expect(n).toBe(0);
    });

    it('should link similar claims of articles stored in the same import batch', async () => {
      const tag = uniqueSuffix();
      const text = `Harbourmaster Ilse Brevik${tag} said 88 ferries were delayed at Varna port by fog.`;
      const lines = [`${text} First ${tag}.`, `${text.replace('88', '89')} Second ${tag}.`].map((body, i) =>
        JSON.stringify({ title: `Batch ${i}`, body }),
      );
      const { results: reported, last } = await importStreamed(t, editor.token, lines.join('\n'));
      expect(last.totals).toMatchObject({ created: 2 });
      const [a, b] = await Promise.all(
        reported.map(async (r: { id?: string }) =>
          (await t.http.get(`/articles/${r.id}/claims`).set(bearer(reviewer.token)).expect(200)).body.find(
            (c: ClaimBody) => c.text.includes('ferries'),
          ),
        ),
      );
      const similar = await t.http.get(`/claims/${a.id}/similar`).set(bearer(reviewer.token)).expect(200);
      expect(similar.body.map((c: { id: string }) => c.id)).toEqual([b.id]);
    });
  });
});
